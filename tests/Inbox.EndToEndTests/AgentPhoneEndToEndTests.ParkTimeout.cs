using System.Text.Json.Nodes;
using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>A parked call nobody retrieves rings back the agent who parked it once the park timeout passes.</summary>
public sealed partial class AgentPhoneEndToEndTests
{
    private static readonly TimeSpan s_parkTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Parked_NobodyRetrievesIt_TheTimeoutRingsBrunoBackAndTheCallerHearsHimAgain()
    {
        var (channel, session, brunosMedia, brunosPhone) = await StartWithBrunosPhoneAsync(
            settings => settings["Telephony"]!["Park"] = new JsonObject { ["Timeout"] = s_parkTimeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture) });
        using var _ = channel;
        await using var __ = brunosMedia;
        var cancel = TestContext.Current.CancellationToken;
        var calls = new CallsService.CallsServiceClient(channel);
        await new AgentsService.AgentsServiceClient(channel).SetPresenceAsync(
            new SetPresenceRequest { RequestId = NewId(), Presence = AgentPresence.Available }, session, cancellationToken: cancel);
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var caller = Sipp.RunAsync("call_until_bye.xml", _server!.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(callerMedia.Port), "-timeout", "60s"]);
        var active = await WaitForInteractionAsync(new InteractionsService.InteractionsServiceClient(channel), session, i => i.State == InteractionState.Active);
        await WaitForAsync(() => Task.FromResult(callerMedia.FromOther >= 10), "bruno heard by the caller");

        await calls.ParkAsync(new ParkRequest { InteractionId = active.Id }, session, cancellationToken: cancel);
        var firstCall = await brunosPhone;
        var parkedListening = await ListenAsync(callerMedia);

        // His phone is free and waits again on its registered port; nobody retrieves the call, so the timeout rings it.
        await using var ringBackMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        var ringBack = AnswerAgainAsync("1002", "demo-1002", ringBackMedia);
        var heardBefore = callerMedia.FromOther;
        await WaitForAsync(
            () => Task.FromResult(ringBackMedia.FromOther >= 20 && callerMedia.FromOther >= heardBefore + 20), "the caller and bruno hear each other again", s_parkTimeout * 4);
        var back = await calls.GetCallAsync(new GetCallRequest { InteractionId = active.Id }, session, cancellationToken: cancel);
        var lot = await calls.ListParkedAsync(new ListParkedRequest(), session, cancellationToken: cancel);
        await calls.HangUpAsync(new HangUpRequest { InteractionId = active.Id }, session, cancellationToken: cancel);
        var (callerResult, ringBackResult) = (await caller, await ringBack);

        Assert.True(firstCall.ExitCode == 0, Describe(firstCall));
        Assert.True(parkedListening.Packets >= 30 && parkedListening.FromOther == parkedListening.FromOtherBefore, "the parked caller hears hold music, not bruno");
        Assert.Equal(CallState.Connected, back.Call.State);
        Assert.Empty(lot.Calls);
        Assert.True(ringBackResult.ExitCode == 0, Describe(ringBackResult));
        Assert.True(callerResult.ExitCode == 0, Describe(callerResult));
    }
}
