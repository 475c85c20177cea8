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
        var heard = await ToneCapture.CaptureAsync(callerMedia, brunoMedia, anaMedia);
        var left = await calls.LeaveConferenceAsync(
            new LeaveConferenceRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id }, bruno, cancellationToken: cancel);
        var brunoResult = await brunoPhone;
        var after = await ToneCapture.CaptureAsync(callerMedia, anaMedia);
        var finalized = (await Interactions(channel).GetInteractionAsync(new GetInteractionRequest { InteractionId = active.Id }, bruno, cancellationToken: cancel)).Interaction;

        // Nobody has the call now: the server's shutdown hangs up the two who stayed.
        await _server!.StopAsync();
        var (callerResult, anaResult) = (await call, await anaPhone);

        Assert.Equal(
            [(ParticipantKind.Customer, ParticipantState.Connected), (ParticipantKind.Agent, ParticipantState.Connected), (ParticipantKind.Agent, ParticipantState.Ringing)],
            ringing.Call.Participants.Select(p => (p.Kind, p.State)));
        Assert.Equal(["", "bruno", "ana"], mixed.Participants.Select(p => p.AgentId));
        heard[0].AssertHears(CallerTone, BrunoTone, AnaTone);
        heard[1].AssertHears(BrunoTone, CallerTone, AnaTone);
        heard[2].AssertHears(AnaTone, CallerTone, BrunoTone);
        Assert.Equal(CallState.Ended, left.Call.State);
        Assert.Equal(["", "ana"], left.Call.Participants.Select(p => p.AgentId));
        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server!, brunoResult));
        after[0].AssertHears(CallerTone, AnaTone);
        Assert.True(after[0].Power(AnaTone) > 20 * after[0].Power(BrunoTone), "the caller still hears bruno after he left");
        after[1].AssertHears(AnaTone, CallerTone);
        Assert.Equal((InteractionState.Finalized, "bruno"), (finalized.State, finalized.AgentId));
        Assert.True(callerResult.ExitCode == 0, ControlApi.Describe(_server!, callerResult));
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server!, anaResult));
    }

    [Fact]
    public async Task Conference_BrunoAddsTheSalesCampaign_AnaIsPickedAndMixedThenRemovedAndTheCallerAndBrunoTalkOn()
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

        // Sales' routing picks its free member: ana (bruno is not in sales, and is on the call anyway).
        await calls.AddParticipantAsync(
            new AddParticipantRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id, CampaignId = "sales" }, bruno, cancellationToken: cancel);
        var mixed = await WaitForCallAsync(calls, active.Id, bruno, c => c.Participants.Count(p => p.State == ParticipantState.Connected) == 3, "the sales member joined");
        await WaitForAsync(() => anaMedia.Packets >= 20, "RTP to ana's phone");
        (callerMedia.ToneHertz, brunoMedia.ToneHertz, anaMedia.ToneHertz) = (CallerTone, BrunoTone, AnaTone);
        var heard = await ToneCapture.CaptureAsync(callerMedia, brunoMedia, anaMedia);
        var removed = await calls.RemoveParticipantAsync(
            new RemoveParticipantRequest { RequestId = ControlApi.NewId(), InteractionId = active.Id, ParticipantId = mixed.Participants[^1].Id }, bruno, cancellationToken: cancel);
        var anaResult = await anaPhone;
        var after = await ToneCapture.CaptureAsync(callerMedia, brunoMedia);
        await calls.HangUpAsync(new HangUpRequest { InteractionId = active.Id }, bruno, cancellationToken: cancel);
        var (callerResult, brunoResult) = (await call, await brunoPhone);

        Assert.Equal(["", "bruno", "ana"], mixed.Participants.Select(p => p.AgentId));
        heard[0].AssertHears(CallerTone, BrunoTone, AnaTone);
        heard[1].AssertHears(BrunoTone, CallerTone, AnaTone);
        heard[2].AssertHears(AnaTone, CallerTone, BrunoTone);
        Assert.Equal((CallState.Connected, 0), (removed.Call.State, removed.Call.Participants.Count));
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server!, anaResult));
        Assert.Contains("BYE sip:1001@", anaResult.Messages, StringComparison.Ordinal);
        after[0].AssertHears(CallerTone, BrunoTone);
        Assert.True(after[0].Power(BrunoTone) > 20 * after[0].Power(AnaTone), "the caller still hears ana after she was removed");
        after[1].AssertHears(BrunoTone, CallerTone);
        Assert.True(callerResult.ExitCode == 0, ControlApi.Describe(_server!, callerResult));
        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server!, brunoResult));
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
