using Grpc.Core;
using Inbox.Interactions.Engine;
using Inbox.Interactions.Errors;
using Inbox.MediaServer.Grpc.Auth;
using Inbox.MediaServer.Grpc.Idempotency;
using Inbox.MediaServer.Grpc.Mapping;
using Inbox.Telephony.Calls;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Services;

/// <summary>
/// Calls between agents: the directory names the callee's extensions, call control places the call. Placing one is
/// answered from the request cache on a retry, so a UI's retry does not ring her teammate twice.
/// </summary>
internal sealed class AgentCallsGrpcService(InboxEngine engine, CallControl calls, RequestCache requests) : V1.AgentCallsService.AgentCallsServiceBase
{
    public override Task<V1.AgentCallResponse> CallAgent(V1.CallAgentRequest request, ServerCallContext context)
    {
        var calleeId = RequestGuard.Required(request.AgentId, "agent_id");
        return requests.RunOnceAsync(context, request.RequestId, caller =>
        {
            var callee = engine.Directory.Agent(calleeId) ?? throw InboxException.NotFound($"No agent has id '{calleeId}'.");
            var call = calls.CallAgent(caller.Agent, callee);
            return Task.FromResult(new V1.AgentCallResponse { Call = call.ToProto() });
        });
    }

    public override async Task<V1.AgentCallResponse> HangUpAgentCall(V1.HangUpAgentCallRequest request, ServerCallContext context)
    {
        var callId = RequestGuard.Required(request.CallId, "call_id");
        var call = await calls.HangUpAgentCallAsync(callId, context.Caller().Agent).ConfigureAwait(false);
        return new V1.AgentCallResponse { Call = call.ToProto() };
    }

    public override Task<V1.ListAgentCallsResponse> ListAgentCalls(V1.ListAgentCallsRequest request, ServerCallContext context)
    {
        var response = new V1.ListAgentCallsResponse();
        response.Calls.Add(calls.ListAgentCalls(context.Caller().Agent).Select(CallMapper.ToProto));
        return Task.FromResult(response);
    }
}
