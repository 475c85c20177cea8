using System.Globalization;
using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>
/// Outbound calls with the server as its own process: bruno starts a call over gRPC ("New" on telephony); his phone
/// (SIPp, auto-answering) rings first, then the trunk's far end (another SIPp, the customer) gets the INVITE with the
/// number as the dial rules write it.
/// </summary>
public sealed partial class AgentPhoneEndToEndTests
{
    [Fact]
    public async Task StartCall_TrunkAnswers_BridgedBothWaysThenHangUpOverGrpcFinalizes()
    {
        var trunkPort = InboxServerProcess.FindFreePort();
        var (channel, session, agentMedia, phone) = await StartWithBrunosPhoneAsync(settings => TrunkSettings.Add(settings, trunkPort));
        using var _ = channel;
        await using var __ = agentMedia;
        var cancel = TestContext.Current.CancellationToken;
        await using var customerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var trunk = Sipp.RunAsync("trunk_answer.xml", _server!.Port, _work, "trunk", "unused", localPort: trunkPort,
            extraArguments: ["-key", "customer_rtp", customerMedia.Port.ToString(CultureInfo.InvariantCulture)]);
        var interactions = new InteractionsService.InteractionsServiceClient(channel);
        using var events = await ControlApi.WatchEventsAsync(channel, session);
        var callEvents = CollectCallEventsAsync(events.ResponseStream);

        var started = await interactions.StartInteractionAsync(
            new StartInteractionRequest { RequestId = NewId(), Channel = ChannelKind.Telephony, CampaignId = "support", CustomerAddress = "0034 600 123 456" },
            session, cancellationToken: cancel);
        await WaitForAsync(() => Task.FromResult(agentMedia.FromOther >= 20 && customerMedia.FromOther >= 20), "RTP relayed both ways");
        var hungUp = await new CallsService.CallsServiceClient(channel).HangUpAsync(
            new HangUpRequest { InteractionId = started.Interaction.Id }, session, cancellationToken: cancel);
        var trunkResult = await trunk;
        var phoneResult = await phone;
        var finalized = await WaitForInteractionAsync(interactions, session, i => i.Id == started.Interaction.Id && i.State == InteractionState.Finalized);
        await WaitForAsync(() => Task.FromResult(callEvents.SeenProgress(180) && callEvents.SeenProgress(200)), "PROGRESS 180 and 200");

        Assert.Equal((InteractionState.Active, "+34600123456", "bruno"), (started.Interaction.State, started.Interaction.CustomerAddress, started.Interaction.AgentId));
        Assert.True(phoneResult.ExitCode == 0, Describe(phoneResult));
        Assert.True(trunkResult.ExitCode == 0, Describe(trunkResult));
        Assert.Contains("answer-after=0", phoneResult.Messages, StringComparison.Ordinal);
        Assert.Contains($"INVITE sip:0034600123456@127.0.0.1:{trunkPort} SIP/2.0", trunkResult.Messages, StringComparison.Ordinal);
        Assert.Contains("From: <sip:+34910000000@127.0.0.1>", trunkResult.Messages, StringComparison.Ordinal);
        Assert.Equal(CallState.Ended, hungUp.Call.State);
        Assert.Equal(("bruno", string.Empty), (finalized.AgentId, finalized.EndReason));
    }

    [Fact]
    public async Task StartCall_TrunkBusy_ProgressWith486AndFinalizedBusy()
    {
        var trunkPort = InboxServerProcess.FindFreePort();
        var (channel, session, agentMedia, phone) = await StartWithBrunosPhoneAsync(settings => TrunkSettings.Add(settings, trunkPort));
        using var _ = channel;
        await using var __ = agentMedia;
        var cancel = TestContext.Current.CancellationToken;
        var trunk = Sipp.RunAsync("trunk_busy.xml", _server!.Port, _work, "trunk", "unused", localPort: trunkPort);
        var interactions = new InteractionsService.InteractionsServiceClient(channel);
        using var events = await ControlApi.WatchEventsAsync(channel, session);
        var callEvents = CollectCallEventsAsync(events.ResponseStream);

        var started = await interactions.StartInteractionAsync(
            new StartInteractionRequest { RequestId = NewId(), Channel = ChannelKind.Telephony, CampaignId = "support", CustomerAddress = "600123456" },
            session, cancellationToken: cancel);
        var trunkResult = await trunk;
        var phoneResult = await phone;
        var finalized = await WaitForInteractionAsync(interactions, session, i => i.Id == started.Interaction.Id && i.State == InteractionState.Finalized);
        await WaitForAsync(() => Task.FromResult(callEvents.SeenProgress(486)), "PROGRESS 486");

        Assert.True(trunkResult.ExitCode == 0, Describe(trunkResult));
        Assert.True(phoneResult.ExitCode == 0, Describe(phoneResult));
        Assert.Contains("INVITE sip:0034600123456@", trunkResult.Messages, StringComparison.Ordinal);
        Assert.Equal(("bruno", "busy"), (finalized.AgentId, finalized.EndReason));
    }
}
