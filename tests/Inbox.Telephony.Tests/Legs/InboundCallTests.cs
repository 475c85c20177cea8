using System.Text;
using Inbox.Sip.Messages;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>Calls over real UDP on loopback into the SIP stack with call control and the media engine.</summary>
public sealed class InboundCallTests : IAsyncLifetime
{
    private TelephonyHarness? _harness;

    private TelephonyHarness Harness => _harness!;

    public async ValueTask InitializeAsync() => _harness = await TelephonyHarness.StartAsync(42000 + (2 * Random.Shared.Next(0, 2000)));

    public async ValueTask DisposeAsync() => await Harness.DisposeAsync();

    [Fact]
    public async Task Invite_ConfiguredNumber_RingsAnswersPcmuPlaysHoldMusicAndByeAbandons()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);

        await caller.InviteAsync("5000", caller.PcmuOffer);
        var ringing = await caller.ReceiveAsync();
        var ok = await caller.ReceiveAsync();
        await caller.AckAsync("5000");
        var rtp = await caller.ReceiveRtpAsync(TimeSpan.FromSeconds(1));
        await caller.ByeAsync("5000");
        var byeOk = await caller.ReceiveAsync();

        Assert.Equal(180, ringing.StatusCode);
        Assert.Equal(200, ok.StatusCode);
        Assert.Equal(ringing.To.Tag, ok.To.Tag);
        Assert.Equal("application/sdp", ok.ContentType);
        Assert.Contains("RTP/AVP 0 101\r\n", Encoding.UTF8.GetString(ok.Body.Span), StringComparison.Ordinal);
        Assert.Equal("5000", Assert.Single(ok.Contacts).Uri.User);
        // Hold music flows (50 packets/s nominal); the bounds leave room for a loaded machine, not for a second stream.
        Assert.InRange(rtp.Count, 10, 75);
        Assert.All(rtp, pt => Assert.Equal(0, pt));
        Assert.Equal(200, byeOk.StatusCode);
        var opened = Assert.Single(Harness.Inbox.Opened);
        Assert.Equal(("support", "+15550100", "Ada Caller"), (opened.Campaign, opened.Caller, opened.Name));
        Assert.Equal([opened.Id], Harness.Inbox.Abandoned);
    }

    [Fact]
    public async Task Invite_NoCommonCodec_488WithWarningAndNoPortTaken()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);

        await caller.InviteAsync("5000", caller.Offer("18", "a=rtpmap:18 G729/8000\r\n"));
        var response = await caller.ReceiveAsync();

        Assert.Equal(488, response.StatusCode);
        Assert.StartsWith("305 inbox \"no common codec: offered G729", response.GetHeader(SipHeaderId.Warning), StringComparison.Ordinal);
        Assert.Equal(Harness.Ports.Capacity, Harness.Ports.Available);
        Assert.Empty(Harness.Inbox.Opened);
    }

    [Fact]
    public async Task Invite_OpusOnly_AnsweredWithOpus()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);

        await caller.InviteAsync("5000", caller.Offer("96", "a=rtpmap:96 opus/48000/2\r\n"));
        await caller.ReceiveAsync();
        var ok = await caller.ReceiveAsync();
        await caller.AckAsync("5000");
        var rtp = await caller.ReceiveRtpAsync(TimeSpan.FromMilliseconds(300));
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();

        Assert.Contains("a=rtpmap:96 opus/48000/2", Encoding.UTF8.GetString(ok.Body.Span), StringComparison.Ordinal);
        Assert.NotEmpty(rtp);
        Assert.All(rtp, pt => Assert.Equal(96, pt));
    }

    [Fact]
    public async Task Invite_UnknownNumber_404()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);

        await caller.InviteAsync("7777", caller.PcmuOffer);
        var response = await caller.ReceiveAsync();

        Assert.Equal(404, response.StatusCode);
        Assert.Empty(Harness.Inbox.Opened);
    }

    [Fact]
    public async Task Cancel_BeforeAnswer_200Then487AndAbandonedOnceFiled()
    {
        Harness.Inbox.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var caller = new TestCaller(Harness.SipEndPoint);

        await caller.InviteAsync("5000", caller.PcmuOffer);
        var ringing = await caller.ReceiveAsync();
        await caller.CancelAsync("5000");
        var first = await caller.ReceiveAsync();
        var second = await caller.ReceiveAsync();
        Harness.Inbox.Hold.SetResult();
        await WaitUntilAsync(() => !Harness.Inbox.Abandoned.IsEmpty);

        Assert.Equal(180, ringing.StatusCode);
        Assert.Equal((200, "CANCEL"), (first.StatusCode, first.CSeq.MethodName));
        Assert.Equal((487, "INVITE"), (second.StatusCode, second.CSeq.MethodName));
        Assert.Equal(ringing.To.Tag, second.To.Tag);
        Assert.Equal([Assert.Single(Harness.Inbox.Opened).Id], Harness.Inbox.Abandoned);
        Assert.Equal(Harness.Ports.Capacity, Harness.Ports.Available);
        Assert.Equal(0, Harness.Calls.Count);
    }

    [Fact]
    public async Task Bye_UnknownDialog_481()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);

        await caller.ByeAsync("5000");
        var response = await caller.ReceiveAsync();

        Assert.Equal(481, response.StatusCode);
    }

    [Fact]
    public async Task ManyCalls_HungUp_EveryPortSessionAndClockClientReleased()
    {
        var capacity = Harness.Ports.Available;

        for (var i = 0; i < 6; i++)
        {
            using var caller = new TestCaller(Harness.SipEndPoint);
            await caller.InviteAsync("5000", caller.PcmuOffer);
            await caller.ReceiveAsync();
            await caller.ReceiveAsync();
            await caller.AckAsync("5000");
            Assert.Equal(capacity - 1, Harness.Ports.Available);
            await caller.ByeAsync("5000");
            Assert.Equal(200, (await caller.ReceiveAsync()).StatusCode);
        }

        Assert.Equal(capacity, Harness.Ports.Available);
        Assert.Equal(0, Harness.Calls.Count);
        Assert.Equal(0, Harness.Clock.ClientCount);
        Assert.Equal(6, Harness.Inbox.Abandoned.Count);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition());
    }
}
