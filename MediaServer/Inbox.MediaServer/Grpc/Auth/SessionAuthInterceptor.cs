using Grpc.Core;
using Grpc.Core.Interceptors;
using Inbox.Interactions.Agents;
using Inbox.Interactions.Engine;

namespace Inbox.MediaServer.Grpc.Auth;

/// <summary>
/// The one place where calls are authenticated: every method of the inbox.control.v1 services except
/// AgentsService.SignIn needs <c>authorization: Bearer &lt;session_token&gt;</c> naming a live session of an agent who
/// is still configured; otherwise the call fails with UNAUTHENTICATED before the service runs. Health checks and
/// reflection (other packages) stay open, so probes and tools work without a token.
/// </summary>
internal sealed class SessionAuthInterceptor(AgentSessions sessions, InboxEngine engine) : Interceptor
{
    private const string ProtectedPrefix = "/inbox.control.v1.";
    private const string SignInMethod = "/inbox.control.v1.AgentsService/SignIn";
    private const string BearerScheme = "Bearer ";

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authenticate(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Authenticate(ServerCallContext context)
    {
        if (!context.Method.StartsWith(ProtectedPrefix, StringComparison.Ordinal) || context.Method == SignInMethod)
        {
            return;
        }

        var header = context.RequestHeaders.GetValue("authorization");
        if (header is null || !header.StartsWith(BearerScheme, StringComparison.OrdinalIgnoreCase) || header.Length == BearerScheme.Length)
        {
            throw Unauthenticated("Sign in first: send the metadata 'authorization: Bearer <session_token>' from AgentsService.SignIn.");
        }

        var token = header[BearerScheme.Length..].Trim();
        if (sessions.Resolve(token) is not { } session)
        {
            throw Unauthenticated(sessions.EndedBecause(token) switch
            {
                SessionEndCause.SignedInElsewhere => "This session has ended: you signed in elsewhere. Sign in again to go on here.",
                SessionEndCause.SignedOut => "This session has ended: you signed out. Sign in again.",
                SessionEndCause.SignedOutBySupervisor => "This session has ended: a supervisor signed you out. Sign in again.",
                _ => "Unknown or expired session token (the server may have restarted): sign in first.",
            });
        }

        // The directory may have changed since sign-in: an agent removed from the configuration loses her access.
        if (engine.Directory.Agent(session.AgentId) is not { } agent)
        {
            throw Unauthenticated($"This session has ended: agent '{session.AgentId}' is no longer configured.");
        }

        context.SetCaller(new ApiCaller(agent, session));
    }

    private static RpcException Unauthenticated(string message) => new(new Status(StatusCode.Unauthenticated, message));
}
