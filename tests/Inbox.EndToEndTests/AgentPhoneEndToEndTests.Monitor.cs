using Grpc.Core;
using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>
/// Ana, a supervisor, listens in on bruno's call from her SIPp phone: she hears both of them, they hear nothing of her;
/// then she whispers, and bruno alone hears her.
/// </summary>
public sealed partial class AgentPhoneEndToEndTests
{
    private const int SupervisorTone = 1900;

    [Fact]
    public async Task Monitor_AnaListensInThenWhispers_SheHearsBothAndOnlyBrunoHearsHerWhisper()
    {
        var cancel = TestContext.Current.CancellationToken;
        var channel = await StartServerAsync();
        using var _ = channel;
        await using var brunoMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C) { ToneHertz = AgentTone };
        await using var anaMedia = new RtpPeer(marker: 0x2B, otherMarker: 0x3C) { ToneHertz = SupervisorTone };
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A) { ToneHertz = CallerTone };
        var brunoPhone = await RegisterPhoneAsync("1002", "demo-1002", brunoMedia);
        var anaPhone = await RegisterPhoneAsync("1001", "demo-1001", anaMedia);
        var (bruno, ana) = (await SignInAsync(channel, "bruno", "demo-bruno"), await SignInAsync(channel, "ana", "demo-ana"));
        var calls = new CallsService.CallsServiceClient(channel);
        await new AgentsService.AgentsServiceClient(channel).SetPresenceAsync(
            new SetPresenceRequest { RequestId = NewId(), Presence = AgentPresence.Available }, bruno, cancellationToken: cancel);

        var call = Sipp.RunAsync("call_hold.xml", _server!.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(callerMedia.Port), "-d", "15000"]);
        var active = await WaitForInteractionAsync(new InteractionsService.InteractionsServiceClient(channel), bruno, i => i.State == InteractionState.Active);
        await WaitForAsync(() => Task.FromResult(brunoMedia.Packets >= 20), "RTP to bruno's phone");
        var denied = await Assert.ThrowsAsync<RpcException>(() => calls.MonitorAsync(new MonitorRequest { RequestId = NewId(), InteractionId = active.Id }, bruno, cancellationToken: cancel).ResponseAsync);
        using var anasEvents = await ControlApi.WatchEventsAsync(channel, ana);
        var anaSaw = MonitorStatesAsync(anasEvents.ResponseStream);
        await calls.MonitorAsync(new MonitorRequest { RequestId = NewId(), InteractionId = active.Id }, ana, cancellationToken: cancel);
        await WaitForAsync(() => Task.FromResult(anaMedia.Packets >= 20), "RTP to ana's phone");
        var heard = await ToneCapture.CaptureAsync(callerMedia, brunoMedia, anaMedia);
        var whispering = await calls.WhisperAsync(new WhisperRequest { RequestId = NewId(), InteractionId = active.Id }, ana, cancellationToken: cancel);
        var coached = await ToneCapture.CaptureAsync(callerMedia, brunoMedia, anaMedia);
        var (callResult, brunoResult, anaResult) = (await call, await brunoPhone, await anaPhone);

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        heard[2].AssertHears(SupervisorTone, CallerTone, AgentTone);
        heard[0].AssertHears(SupervisorTone, AgentTone);
        heard[1].AssertHears(SupervisorTone, CallerTone);
        Assert.Contains(whispering.Call.Participants, p => p.AgentId == "ana");
        coached[0].AssertHears(SupervisorTone, AgentTone);
        coached[1].AssertHears(AgentTone, CallerTone, SupervisorTone);
        coached[2].AssertHears(SupervisorTone, CallerTone, AgentTone);
        Assert.True(callResult.ExitCode == 0, Describe(callResult));
        Assert.True(brunoResult.ExitCode == 0, Describe(brunoResult));
        Assert.True(anaResult.ExitCode == 0, Describe(anaResult));
        Assert.Contains("answer-after=0", anaResult.Messages, StringComparison.Ordinal);
        Assert.Equal(
            [MonitorState.Ringing, MonitorState.Listening, MonitorState.Whispering], await anaSaw.WaitAsync(TimeSpan.FromSeconds(10), cancel));
    }

    // Her listening-in states as her event stream brings them, up to her whispering.
    private static async Task<List<MonitorState>> MonitorStatesAsync(IAsyncStreamReader<Event> events)
    {
        var states = new List<MonitorState>();
        while (await events.MoveNext(TestContext.Current.CancellationToken))
        {
            if (events.Current.MonitorChanged is { State: var state })
            {
                states.Add(state);
                if (state == MonitorState.Whispering)
                {
                    break;
                }
            }
        }

        return states;
    }
}
