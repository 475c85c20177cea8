using Grpc.Core;

namespace Inbox.MediaServer.Grpc.Auth;

/// <summary>Carries the authenticated caller from <see cref="SessionAuthInterceptor"/> to the service methods.</summary>
internal static class CallerContext
{
    private static readonly object s_key = new();

    public static void SetCaller(this ServerCallContext context, ApiCaller caller) => context.UserState[s_key] = caller;

    /// <summary>The caller of an authenticated method; the interceptor guarantees there is one.</summary>
    public static ApiCaller Caller(this ServerCallContext context) =>
        context.UserState.TryGetValue(s_key, out var caller) && caller is ApiCaller apiCaller
            ? apiCaller
            : throw new RpcException(new Status(StatusCode.Unauthenticated, "Sign in first: send the metadata 'authorization: Bearer <session_token>'."));
}
