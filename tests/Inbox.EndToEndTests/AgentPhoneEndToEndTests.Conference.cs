using System.Globalization;
using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>
/// A number outside joins a call: bruno takes a queued caller, then adds 600123456 over gRPC; the trunk's far end (SIPp)
/// gets the INVITE as the dial rules write it and answers. The three each send a tone and hear the other two; removing
/// the number hangs it up and leaves bruno and the caller talking.
/// </summary>
public sealed partial class AgentPhoneEndToEndTests
{
    [Fact]
    public async Task AddNumber_TrunkAnswers_ThreeWayMixThenRemovedOverGrpc()
    {
        var trunkPort = InboxServerProcess.FindFreePort();
        var (channel, session, agentMedia, phone) = await StartWithBrunosPhoneAsync(settings => TrunkSettings.Add(settings, trunkPort));
        using var _ = channel;
        await using var __ = agentMedia;
        var cancel = TestContext.Current.CancellationToken;
        var interactions = new InteractionsService.InteractionsServiceClient(channel);
        var calls = new CallsService.CallsServiceClient(channel);
        using var events = await ControlApi.WatchEventsAsync(channel, session);
        var callEvents = CollectCallEventsAsync(events.ResponseStream);
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        await using var lineMedia = new RtpPeer(marker: 0x4D, otherMarker: 0x2A);
        var caller = Sipp.RunAsync("call_until_bye.xml", _server!.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(callerMedia.Port)]);
        var trunk = Sipp.RunAsync("trunk_answer.xml", _server.Port, _work, "trunk", "unused", localPort: trunkPort,
            extraArguments: ["-key", "customer_rtp", lineMedia.Port.ToString(CultureInfo.InvariantCulture)]);
        Interaction? pending = null;
        await WaitForAsync(
            async () => (pending = (await interactions.ListPendingAsync(new ListPendingRequest(), session, cancellationToken: cancel)).Interactions.FirstOrDefault()) is not null,
            "the queued call");
        await interactions.TakeAsync(new TakeRequest { RequestId = NewId(), InteractionId = pending!.Id }, session, cancellationToken: cancel);
        await WaitForAsync(() => Task.FromResult(agentMedia.FromOther >= 10 && callerMedia.FromOther >= 10), "RTP relayed both ways after the take");

        var ringing = await calls.AddParticipantAsync(
            new AddParticipantRequest { RequestId = NewId(), InteractionId = pending.Id, Number = "600123456" }, session, cancellationToken: cancel);
        var line = ringing.Call.Participants.Single(p => p.Kind == ParticipantKind.External);
        await WaitForAsync(() => Task.FromResult(callEvents.SeenProgress(180) && callEvents.SeenProgress(200) && lineMedia.Packets >= 20), "the number answered and mixed");
        (callerMedia.ToneHertz, agentMedia.ToneHertz, lineMedia.ToneHertz) = (500, 1100, 1700);
        var heard = await ToneCapture.CaptureAsync(callerMedia, agentMedia, lineMedia);
        var removed = await calls.RemoveParticipantAsync(
            new RemoveParticipantRequest { RequestId = NewId(), InteractionId = pending.Id, ParticipantId = line.Id }, session, cancellationToken: cancel);
        var trunkResult = await trunk;
        var twoLeft = await ToneCapture.CaptureAsync(callerMedia, agentMedia);
        var hungUp = await calls.HangUpAsync(new HangUpRequest { InteractionId = pending.Id }, session, cancellationToken: cancel);
        var (callerResult, phoneResult) = (await caller, await phone);

        Assert.Equal(("+34600123456", ParticipantState.Ringing), (line.Display, line.State));
        heard[0].AssertHears(500, 1100, 1700);
        heard[1].AssertHears(1100, 500, 1700);
        heard[2].AssertHears(1700, 500, 1100);
        Assert.Equal((CallState.Connected, 0), (removed.Call.State, removed.Call.Participants.Count));
        Assert.True(trunkResult.ExitCode == 0, Describe(trunkResult));
        Assert.Contains("INVITE sip:0034600123456@", trunkResult.Messages, StringComparison.Ordinal);
        twoLeft[0].AssertHears(500, 1100);
        twoLeft[1].AssertHears(1100, 500);
        Assert.Equal(CallState.Ended, hungUp.Call.State);
        Assert.True(callerResult.ExitCode == 0, Describe(callerResult));
        Assert.True(phoneResult.ExitCode == 0, Describe(phoneResult));
    }
}
