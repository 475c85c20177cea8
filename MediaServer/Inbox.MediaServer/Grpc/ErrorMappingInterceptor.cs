using Grpc.Core;
using Grpc.Core.Interceptors;
using Inbox.Interactions.Errors;

namespace Inbox.MediaServer.Grpc;

/// <summary>
/// Turns a refused command (<see cref="InboxException"/>) into the status code its <see cref="InboxError"/> names,
/// with the domain's message, written for users, as the status detail. Anything else is left to gRPC, which reports
/// UNKNOWN without details outside Development.
/// </summary>
internal sealed class ErrorMappingInterceptor : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (InboxException e)
        {
            throw ToRpc(e);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (InboxException e)
        {
            throw ToRpc(e);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context).ConfigureAwait(false);
        }
        catch (InboxException e)
        {
            throw ToRpc(e);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context).ConfigureAwait(false);
        }
        catch (InboxException e)
        {
            throw ToRpc(e);
        }
    }

    public static StatusCode StatusOf(InboxError error) => error switch
    {
        InboxError.InvalidArgument => StatusCode.InvalidArgument,
        InboxError.NotFound => StatusCode.NotFound,
        InboxError.FailedPrecondition => StatusCode.FailedPrecondition,
        InboxError.PermissionDenied => StatusCode.PermissionDenied,
        InboxError.ResourceExhausted => StatusCode.ResourceExhausted,
        InboxError.Unavailable => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    private static RpcException ToRpc(InboxException exception) => new(new Status(StatusOf(exception.Error), exception.Message, exception));
}
