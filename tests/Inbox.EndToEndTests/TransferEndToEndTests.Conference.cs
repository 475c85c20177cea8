using Grpc.Core;
using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>
/// Conference calls on the same stage as the transfers: the caller is bridged to bruno, who adds ana over gRPC. Each
/// of the three sends its own tone (caller 500 Hz, bruno 1100 Hz, ana 1700 Hz) and must hear the other two and not
/// itself; then bruno leaves and the caller and ana talk on.
/// </summary>
public sealed partial class TransferEndToEndTests
{
    private const int CallerTone = 500;
    private const int BrunoTone = 1100;
    private const int AnaTone = 1700;

    [Fact]
    public async Task Conference_BrunoAddsAna_EachHearsTheOtherTwo_BrunoLeavesAndTheCallerAndAnaTalkOn()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var channel = await StartAsync();
        await using var brunoMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        await using var anaMedia = new RtpPeer(marker: 0x2B, otherMarker: 0x3C);
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var brunoPhone = await PhoneAsync("agent_phone.xml", "1002", brunoMedia);
        var (call, active, bruno, _) = await ConnectCallerToBrunoAsync(channel, callerMedia);
        var anaPhone = await PhoneAsync("agent_phone.xml", "1001", anaMedia);
        var calls = new CallsService.CallsServiceClient(channel);

        var ringing = await calls.AddParticipantAsync(
            new AddParticipantRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id, AgentId = "ana" }, bruno, cancellationToken: cancel);
        var mixed = await WaitForCallAsync(calls, active.Id, bruno, c => c.Participants.Count(p => p.State == ParticipantState.Connected) == 3, "ana joined");
        await WaitForAsync(() => anaMedia.Packets >= 20, "RTP to ana's phone");
        (callerMedia.ToneHertz, brunoMedia.ToneHertz, anaMedia.ToneHertz) = (CallerTone, BrunoTone, AnaTone);
        var (callerHeard, brunoHeard, anaHeard) = await CaptureAsync(callerMedia, brunoMedia, anaMedia);
        var left = await calls.LeaveConferenceAsync(
            new LeaveConferenceRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id }, bruno, cancellationToken: cancel);
        var brunoResult = await brunoPhone;
        var (callerAfter, anaAfter, _) = await CaptureAsync(callerMedia, anaMedia);
        var finalized = (await Interactions(channel).GetInteractionAsync(new GetInteractionRequest { InteractionId = active.Id }, bruno, cancellationToken: cancel)).Interaction;

        // Nobody has the call now: the server's shutdown hangs up the two who stayed.
        await _server!.StopAsync();
        var (callerResult, anaResult) = (await call, await anaPhone);

        Assert.Equal(
            [(ParticipantKind.Customer, ParticipantState.Connected), (ParticipantKind.Agent, ParticipantState.Connected), (ParticipantKind.Agent, ParticipantState.Ringing)],
            ringing.Call.Participants.Select(p => (p.Kind, p.State)));
        Assert.Equal(["", "bruno", "ana"], mixed.Participants.Select(p => p.AgentId));
        AssertHears(callerHeard, CallerTone, BrunoTone, AnaTone);
        AssertHears(brunoHeard, BrunoTone, CallerTone, AnaTone);
        AssertHears(anaHeard, AnaTone, CallerTone, BrunoTone);
        Assert.Equal(CallState.Ended, left.Call.State);
        Assert.Equal(["", "ana"], left.Call.Participants.Select(p => p.AgentId));
        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server!, brunoResult));
        AssertHears(callerAfter, CallerTone, AnaTone);
        Assert.True(callerAfter.Power(AnaTone) > 20 * callerAfter.Power(BrunoTone), "the caller still hears bruno after he left");
        AssertHears(anaAfter, AnaTone, CallerTone);
        Assert.Equal((InteractionState.Finalized, "bruno"), (finalized.State, finalized.AgentId));
        Assert.True(callerResult.ExitCode == 0, ControlApi.Describe(_server!, callerResult));
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server!, anaResult));
    }

    // A second and a half of what each peer hears, decoded, once their tones have had time to reach the mix.
    private static async Task<(ToneCapture, ToneCapture, ToneCapture?)> CaptureAsync(RtpPeer first, RtpPeer second, RtpPeer? third = null)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);
        var captures = (first.Capture = new ToneCapture(), second.Capture = new ToneCapture(), third is null ? null : third.Capture = new ToneCapture());
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);
        first.Capture = second.Capture = null;
        if (third is not null)
        {
            third.Capture = null;
        }

        return captures;
    }

    // Its own tone is (nearly) absent from what a party hears; each of the others' is there, 20 times stronger.
    private static void AssertHears(ToneCapture? heard, int own, params int[] others)
    {
        Assert.NotNull(heard);
        Assert.True(heard.SampleCount >= 8000, $"only {heard.SampleCount} samples heard");
        foreach (var other in others)
        {
            Assert.True(heard.Power(other) > 20 * heard.Power(own), $"{other} Hz: {heard.Power(other):E2} against its own {own} Hz: {heard.Power(own):E2}");
        }
    }

    private async Task<Call> WaitForCallAsync(CallsService.CallsServiceClient calls, string interactionId, Metadata session, Func<Call, bool> condition, string what)
    {
        Call? current = null;
        await ControlApi.WaitForAsync(_server!, async () =>
        {
            current = (await calls.GetCallAsync(new GetCallRequest { InteractionId = interactionId }, session)).Call;
            return condition(current);
        }, what);
        return current!;
    }
}
