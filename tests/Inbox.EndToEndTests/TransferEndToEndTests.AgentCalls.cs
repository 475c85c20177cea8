using Grpc.Core;
using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>A call between the same two agents' phones, placed from bruno's team list over gRPC: no customer, no interaction.</summary>
public sealed partial class TransferEndToEndTests
{
    [Fact]
    public async Task CallAgent_BrunoCallsAna_BothPhonesRingInTurnTheyHearEachOtherAndAnaHangsUpOverGrpc()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var channel = await StartAsync();
        await using var brunoMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        await using var anaMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var brunoPhone = await PhoneAsync("agent_phone.xml", "1002", brunoMedia);
        var anaPhone = await PhoneAsync("agent_phone.xml", "1001", anaMedia);
        var (bruno, ana) = (await SignInAsync(channel, "bruno"), await SignInAsync(channel, "ana"));
        using var anasEvents = await ControlApi.WatchEventsAsync(channel, ana);
        var anaSaw = AgentCallStatesAsync(anasEvents.ResponseStream);
        var calls = new AgentCallsService.AgentCallsServiceClient(channel);

        var placed = await calls.CallAgentAsync(new CallAgentRequest { RequestId = ControlApi.NewId(), AgentId = "ana" }, bruno, cancellationToken: cancel);
        await WaitForAsync(() => brunoMedia.FromOther >= 20 && anaMedia.FromOther >= 20, "RTP between bruno's and ana's phones");
        var listed = await calls.ListAgentCallsAsync(new ListAgentCallsRequest(), ana, cancellationToken: cancel);
        var ended = await calls.HangUpAgentCallAsync(new HangUpAgentCallRequest { CallId = placed.Call.CallId }, ana, cancellationToken: cancel);
        var (brunoResult, anaResult) = (await brunoPhone, await anaPhone);

        Assert.Equal((AgentCallState.CallingCaller, "bruno", "ana"), (placed.Call.State, placed.Call.CallerAgentId, placed.Call.CalleeAgentId));
        Assert.Equal((placed.Call.CallId, AgentCallState.Connected), (Assert.Single(listed.Calls).CallId, listed.Calls[0].State));
        Assert.Equal(AgentCallState.Ended, ended.Call.State);
        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server!, brunoResult));
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server!, anaResult));
        Assert.Contains("answer-after=0", brunoResult.Messages, StringComparison.Ordinal);
        Assert.Contains("<sip:1002@", anaResult.Messages, StringComparison.Ordinal);
        Assert.Equal(
            [AgentCallState.CallingCaller, AgentCallState.RingingCallee, AgentCallState.Connected, AgentCallState.Ended],
            await anaSaw.WaitAsync(TimeSpan.FromSeconds(10), cancel));
    }

    // The states of the agent call as an agent's event stream brings them, up to its end.
    private static async Task<List<AgentCallState>> AgentCallStatesAsync(IAsyncStreamReader<Event> events)
    {
        var states = new List<AgentCallState>();
        while (await events.MoveNext(TestContext.Current.CancellationToken))
        {
            if (events.Current.AgentCallChanged is { Call.State: var state } && (states.Count == 0 || states[^1] != state))
            {
                states.Add(state);
                if (state == AgentCallState.Ended)
                {
                    break;
                }
            }
        }

        return states;
    }
}
