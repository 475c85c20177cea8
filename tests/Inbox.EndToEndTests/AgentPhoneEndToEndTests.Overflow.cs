using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>
/// A call to support that nobody there answers overflows to sales after support's Overflow:After, and carla's phone
/// (SIPp) rings, answers and talks with the caller.
/// </summary>
public sealed partial class AgentPhoneEndToEndTests
{
    [Fact]
    public async Task Overflow_NobodyInSupportAnswers_TheCallRingsCarlaInSalesAndTheyTalk()
    {
        var cancel = TestContext.Current.CancellationToken;
        var channel = await StartServerAsync(settings => settings["Campaigns"]![0]!["Overflow"] = new System.Text.Json.Nodes.JsonObject
        {
            ["After"] = "00:00:05",
            ["CampaignId"] = "sales",
        });
        using var _ = channel;
        await using var carlaMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var carlaPhone = await RegisterPhoneAsync("1003", "demo-1003", carlaMedia);
        var carla = await SignInAsync(channel, "carla", "demo-carla");
        await new AgentsService.AgentsServiceClient(channel).SetPresenceAsync(
            new SetPresenceRequest { RequestId = NewId(), Presence = AgentPresence.Available }, carla, cancellationToken: cancel);
        var interactions = new InteractionsService.InteractionsServiceClient(channel);

        var call = Sipp.RunAsync("call_hold.xml", _server!.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(callerMedia.Port), "-d", "12000"]);
        var active = await ControlApi.WaitForInteractionAsync(_server, interactions, carla, i => i.State == InteractionState.Active, TimeSpan.FromSeconds(30));
        await WaitForAsync(() => Task.FromResult(carlaMedia.FromOther >= 20 && callerMedia.FromOther >= 20), "RTP relayed both ways");
        var (callResult, phoneResult) = (await call, await carlaPhone);

        Assert.Equal(("sales", "carla", "support"), (active.CampaignId, active.AgentId, active.OverflowedFrom));
        Assert.True((active.OverflowedAt.ToDateTimeOffset() - active.CreatedAt.ToDateTimeOffset()) >= TimeSpan.FromSeconds(5), "it overflowed before support's five seconds");
        Assert.True(callResult.ExitCode == 0, Describe(callResult));
        Assert.True(phoneResult.ExitCode == 0, Describe(phoneResult));
        Assert.Contains("INVITE sip:1003@127.0.0.1", phoneResult.Messages, StringComparison.Ordinal);
    }
}
