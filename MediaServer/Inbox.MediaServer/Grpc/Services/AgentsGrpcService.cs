using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Inbox.Interactions.Agents;
using Inbox.Interactions.Engine;
using Inbox.Interactions.Events;
using Inbox.MediaServer.Grpc.Auth;
using Inbox.MediaServer.Grpc.Idempotency;
using Inbox.MediaServer.Grpc.Mapping;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>Sign in and out, presence, the caller's profile and her team.</summary>
internal sealed class AgentsGrpcService(InboxEngine engine, AgentSessions sessions, EventHub events, RequestCache requests)
    : V1.AgentsService.AgentsServiceBase
{
    public override Task<V1.SignInResponse> SignIn(V1.SignInRequest request, ServerCallContext context)
    {
        var agentId = RequestGuard.Required(request.AgentId, "agent_id");
        var apiKey = RequestGuard.Required(request.ApiKey, "api_key");

        // Unauthenticated, so the key is part of the idempotency key: a retry without the right API key never gets
        // the first call's token back. Unknown agents are not remembered at all, so strangers cannot fill the cache.
        var requestId = request.RequestId.Length == 0 || engine.Directory.Agent(agentId) is null
            ? string.Empty
            : request.RequestId + "\n" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
        return requests.RunOnceAsync(agentId, context.Method, requestId, async () =>
        {
            var session = await engine.SignInAsync(sessions, agentId, apiKey, context.CancellationToken).ConfigureAwait(false);
            var sequence = events.LastSequence(agentId);
            var directory = engine.Directory;
            var agent = directory.Agent(agentId) ?? throw new RpcException(new Status(StatusCode.Unauthenticated, $"Agent '{agentId}' is no longer configured."));
            var view = await engine.GetAgentAsync(agent, context.CancellationToken).ConfigureAwait(false);
            var response = new V1.SignInResponse
            {
                SessionToken = session.Token,
                SessionId = session.Id,
                Agent = view.ToProto(),
                EventEpoch = events.Epoch,
                EventSequence = sequence,
            };
            response.PauseReasons.Add(directory.PauseReasons);
            return response;
        });
    }

    public override Task<V1.SignOutResponse> SignOut(V1.SignOutRequest request, ServerCallContext context) =>
        requests.RunOnceAsync(context, request.RequestId, async caller =>
        {
            if (request.AgentId.Length == 0 || request.AgentId == caller.Agent.Id)
            {
                await engine.SignOutAsync(sessions, caller.Session, context.CancellationToken).ConfigureAwait(false);
            }
            else
            {
                await engine.SignOutAgentAsync(sessions, caller.Agent, request.AgentId, context.CancellationToken).ConfigureAwait(false);
            }

            return new V1.SignOutResponse();
        });

    public override Task<V1.SetPresenceResponse> SetPresence(V1.SetPresenceRequest request, ServerCallContext context)
    {
        var presence = request.Presence.ToDomain("presence");
        var reason = request.PauseReason.Length == 0 ? null : request.PauseReason;
        return requests.RunOnceAsync(context, request.RequestId, async caller =>
        {
            var agentId = request.AgentId.Length == 0 ? caller.Agent.Id : request.AgentId;
            var view = await engine.SetPresenceAsync(caller.Agent, agentId, presence, reason, context.CancellationToken).ConfigureAwait(false);
            return new V1.SetPresenceResponse { Agent = view.ToProto() };
        });
    }

    public override async Task<V1.GetMeResponse> GetMe(V1.GetMeRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var view = await engine.GetAgentAsync(caller.Agent, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.GetMeResponse { Agent = view.ToProto() };
        response.PauseReasons.Add(engine.Directory.PauseReasons);
        return response;
    }

    public override async Task<V1.ListTeamResponse> ListTeam(V1.ListTeamRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        var team = await engine.ListTeamAsync(caller.Agent, context.CancellationToken).ConfigureAwait(false);
        var response = new V1.ListTeamResponse();
        response.Agents.Add(team.Select(AgentMapper.ToProto));
        return response;
    }
}
