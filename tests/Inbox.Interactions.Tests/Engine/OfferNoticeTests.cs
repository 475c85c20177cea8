using System.Collections.Immutable;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>A channel that rings (telephony) learns of each offer made and ended, after the change is stored.</summary>
public sealed class OfferNoticeTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task Offers_RejectedThenCustomerLeaves_ChannelToldEachOfferAndItsEnd()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        await inbox.ReadyAsync(inbox.Ana);
        var call = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+15550100", null, ImmutableDictionary<string, string>.Empty, s_none);
        var first = (await inbox.GetAsync(call.Id)).OfferedTo!;
        var second = first == "ana" ? "bruno" : "ana";

        await inbox.Engine.RejectOfferAsync(inbox.Engine.Directory.Agent(first)!, call.Id, s_none);
        await inbox.Engine.EndByCustomerAsync(call.Id, "abandoned", s_none);

        Assert.Equal(
            [("+" + first, call.Id), ("-" + first, call.Id), ("+" + second, call.Id), ("-" + second, call.Id)],
            inbox.Channels[ChannelKind.Telephony].Offers);
    }

    [Fact]
    public async Task AcceptOffer_Telephony_OfferEndsOnce()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var call = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+15550100", null, ImmutableDictionary<string, string>.Empty, s_none);

        await inbox.Engine.AcceptOfferAsync(inbox.Bruno, call.Id, s_none);
        await inbox.Engine.FinalizeAsync(inbox.Bruno, call.Id, s_none);

        Assert.Equal([("+bruno", call.Id), ("-bruno", call.Id)], inbox.Channels[ChannelKind.Telephony].Offers);
    }

    [Fact]
    public async Task Take_FromTheQueue_ChannelToldItWasTakenOnce()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var call = await inbox.Engine.OpenInboundAsync(ChannelKind.Telephony, "support", "+15550100", null, ImmutableDictionary<string, string>.Empty, s_none);
        await inbox.Engine.SignInAsync(inbox.Sessions, "ana", "key-ana", s_none);

        await inbox.Engine.TakeAsync(inbox.Ana, call.Id, s_none);
        await inbox.Engine.FinalizeAsync(inbox.Ana, call.Id, s_none);

        Assert.Equal([("=ana", call.Id)], inbox.Channels[ChannelKind.Telephony].Offers);
    }

    [Fact]
    public async Task Start_Call_FiledAsTheChannelSaysAndChannelToldItWasTaken()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var telephony = inbox.Channels[ChannelKind.Telephony];
        telephony.StartWith = (_, _, address) => new ChannelStart("+34" + address[4..], ImmutableDictionary<string, string>.Empty.Add("sip.callId", "c1"));

        var (call, _) = await inbox.Engine.StartAsync(inbox.Bruno, new StartRequest(ChannelKind.Telephony, "support", "0034 600 123 456", null, null), s_none);

        Assert.Equal(("+34600123456", "c1", InteractionState.Active), (call.CustomerAddress, call.ClientInfo["sip.callId"], call.State));
        Assert.Equal([("=bruno", call.Id)], telephony.Offers);
    }

    [Fact]
    public async Task Start_ChannelRefuses_NothingStoredAndNoNotice()
    {
        await using var inbox = await InboxFixture.StartAsync();
        await inbox.ReadyAsync(inbox.Bruno);
        var telephony = inbox.Channels[ChannelKind.Telephony];
        telephony.StartWith = (_, _, _) => throw InboxException.Precondition("No phone is registered.");

        var refused = await Assert.ThrowsAsync<InboxException>(() =>
            inbox.Engine.StartAsync(inbox.Bruno, new StartRequest(ChannelKind.Telephony, "support", "600123456", null, null), s_none));

        Assert.Equal(InboxError.FailedPrecondition, refused.Error);
        Assert.Empty(await inbox.Engine.ListActiveAsync(inbox.Bruno, everybody: false, s_none));
        Assert.Empty(telephony.Offers);
    }
}
