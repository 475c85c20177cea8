using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>
/// A call bruno placed himself ("New" on telephony, to a customer behind a trunk at a SIPp far end), transferred over
/// gRPC like a call the customer made.
/// </summary>
public sealed partial class TransferEndToEndTests
{
    [Fact]
    public async Task BlindTransfer_OfACallBrunoPlaced_TheCustomerTalksToAnaAndBrunosPhoneIsHungUp()
    {
        var cancel = TestContext.Current.CancellationToken;
        var trunkPort = InboxServerProcess.FindFreePort();
        using var channel = await StartAsync(settings => TrunkSettings.Add(settings, trunkPort));
        const byte Customer = 0x3C, Bruno = 0x2A, Ana = 0x4D;
        await using var brunoMedia = new RtpPeer(marker: Bruno, otherMarker: Customer);
        await using var anaMedia = new RtpPeer(marker: Ana, otherMarker: Customer);
        await using var customerMedia = new RtpPeer(marker: Customer, otherMarker: Bruno);
        var brunoPhone = await PhoneAsync("agent_phone.xml", "1002", brunoMedia);
        var anaPhone = await PhoneAsync("agent_phone.xml", "1001", anaMedia);
        var customer = Sipp.RunAsync("trunk_answer.xml", _server!.Port, _work, "trunk", "unused", localPort: trunkPort,
            extraArguments: ["-key", "customer_rtp", Port(customerMedia.Port)]);
        var (bruno, ana) = (await SignInAsync(channel, "bruno"), await SignInAsync(channel, "ana"));
        await SetAvailableAsync(channel, ana);
        var calls = new CallsService.CallsServiceClient(channel);

        var started = await Interactions(channel).StartInteractionAsync(
            new StartInteractionRequest { RequestId = ControlApi.NewId(), Channel = ChannelKind.Telephony, CampaignId = "support", CustomerAddress = "600123456" },
            bruno, cancellationToken: cancel);
        await WaitForAsync(() => brunoMedia.FromOther >= 20 && customerMedia.FromOther >= 20, "RTP between bruno and the customer");
        var transferring = await calls.TransferAsync(
            new TransferCallRequest { RequestId = ControlApi.NewId(), InteractionId = started.Interaction.Id, Mode = TransferMode.Blind, AgentId = "ana" },
            bruno, cancellationToken: cancel);
        var brunoResult = await brunoPhone;
        await WaitForAsync(() => anaMedia.FromOtherMarker(Customer) >= 20 && customerMedia.FromOtherMarker(Ana) >= 20, "RTP between the customer and ana");
        var withAna = await ControlApi.WaitForInteractionAsync(_server, Interactions(channel), ana, i => i.Id == started.Interaction.Id && i.AgentId == "ana");
        var connected = await calls.GetCallAsync(new GetCallRequest { InteractionId = started.Interaction.Id }, ana, cancellationToken: cancel);
        var hungUp = await calls.HangUpAsync(new HangUpRequest { InteractionId = started.Interaction.Id }, ana, cancellationToken: cancel);
        var (customerResult, anaResult) = (await customer, await anaPhone);

        Assert.Equal((InteractionDirection.Outbound, "+34600123456"), (started.Interaction.Direction, started.Interaction.CustomerAddress));
        Assert.Equal(CallState.Transferring, transferring.Call.State);
        Assert.True(brunoResult.ExitCode == 0, ControlApi.Describe(_server, brunoResult));
        Assert.Contains("BYE sip:", brunoResult.Messages, StringComparison.Ordinal);
        Assert.Equal(InteractionState.Active, withAna.State);
        Assert.Equal((CallState.Connected, "ana"), (connected.Call.State, connected.Call.Legs[1].AgentId));
        Assert.Contains("<sip:+34600123456@", anaResult.Messages, StringComparison.Ordinal);
        Assert.Equal(CallState.Ended, hungUp.Call.State);
        Assert.True(anaResult.ExitCode == 0, ControlApi.Describe(_server, anaResult));
        Assert.True(customerResult.ExitCode == 0, ControlApi.Describe(_server, customerResult));
        Assert.Contains("BYE sip:customer@", customerResult.Messages, StringComparison.Ordinal);
    }
}
