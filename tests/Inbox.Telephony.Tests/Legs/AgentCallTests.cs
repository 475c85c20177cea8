using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Inbox.Sip.Messages;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>A queued call offered to an agent rings her phone, is bridged when she answers, and ends from either side.</summary>
public sealed class AgentCallTests : IAsyncLifetime
{
    private const string Agent = "bruno";
    private TelephonyHarness? _harness;

    private TelephonyHarness Harness => _harness!;

    public async ValueTask InitializeAsync() => _harness = await TelephonyHarness.StartAsync(46000 + (2 * Random.Shared.Next(0, 2000)));

    public async ValueTask DisposeAsync() => await Harness.DisposeAsync();

    [Fact]
    public async Task Offer_PhoneAnswers_RtpRelayedBothWaysAndCallerByeHangsUpThePhone()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, callerLegPort) = await QueueAsync(caller);

        Harness.Handler.Offered(caller.CallId, id, Agent, ["1002"]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 180, "Ringing");
        await phone.RespondAsync(invite, 200, "OK", phone.PcmuAnswer);
        await phone.ReceiveRequestAsync("ACK");
        await Until(() => !Harness.Inbox.Accepted.IsEmpty);
        var agentLegPort = MediaPort(invite.Body.Span);
        var toPhone = await RelayAsync(caller.Rtp, callerLegPort, phone.Rtp, ssrc: 0x11111111, fill: 0x55);
        var toCaller = await RelayAsync(phone.Rtp, agentLegPort, caller.Rtp, ssrc: 0x22222222, fill: 0x66);
        await caller.ByeAsync("5000");
        var byeOk = await caller.ReceiveAsync();
        var bye = await phone.ReceiveRequestAsync("BYE");
        await phone.RespondAsync(bye, 200, "OK");

        Assert.Contains("m=audio ", Encoding.UTF8.GetString(invite.Body.Span), StringComparison.Ordinal);
        Assert.Equal((Agent, id), Assert.Single(Harness.Inbox.Accepted));
        Assert.Equal((0, true), (toPhone.PayloadType, toPhone.SsrcRewritten));
        Assert.Equal((0, true), (toCaller.PayloadType, toCaller.SsrcRewritten));
        Assert.Equal(200, byeOk.StatusCode);
        Assert.Equal(invite.CallId, bye.CallId);
        Assert.Equal([id], Harness.Inbox.HungUp);
        Assert.Empty(Harness.Inbox.Abandoned);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Offer_PhoneDeclines_OfferRejectedAndCallerStillQueued()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, _) = await QueueAsync(caller);

        Harness.Handler.Offered(caller.CallId, id, Agent, ["1002"]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 486, "Busy Here");
        await phone.ReceiveRequestAsync("ACK");
        await Until(() => !Harness.Inbox.Rejected.IsEmpty);
        var holdMusic = await caller.ReceiveRtpAsync(TimeSpan.FromMilliseconds(300));
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();

        Assert.Equal((Agent, id), Assert.Single(Harness.Inbox.Rejected));
        Assert.NotEmpty(holdMusic);
        Assert.Equal([id], Harness.Inbox.Abandoned);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task Offer_NoRegisteredPhone_RejectedAtOnce()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        var (id, _) = await QueueAsync(caller);

        Harness.Handler.Offered(caller.CallId, id, Agent, ["1999"]);
        await Until(() => !Harness.Inbox.Rejected.IsEmpty);
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();

        Assert.Equal((Agent, id), Assert.Single(Harness.Inbox.Rejected));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task OfferEnded_WhileRinging_PhoneGetsCancel()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, _) = await QueueAsync(caller);

        Harness.Handler.Offered(caller.CallId, id, Agent, ["1002"]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 180, "Ringing");
        Harness.Handler.OfferEnded(caller.CallId, Agent);
        var cancel = await phone.ReceiveRequestAsync("CANCEL");
        await phone.RespondAsync(cancel, 200, "OK");
        await phone.RespondAsync(invite, 487, "Request Terminated");
        await phone.ReceiveRequestAsync("ACK");
        await caller.ByeAsync("5000");
        await caller.ReceiveAsync();

        Assert.Equal(invite.CallId, cancel.CallId);
        Assert.Empty(Harness.Inbox.Rejected);
        Assert.Empty(Harness.Inbox.Accepted);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task PhoneBye_WhileBridged_CallerGetsByeAndAgentFinalizes()
    {
        using var caller = new TestCaller(Harness.SipEndPoint);
        using var phone = Register(new TestPhone("1002"));
        var (id, _) = await QueueAsync(caller);

        Harness.Handler.Offered(caller.CallId, id, Agent, ["1002"]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 200, "OK", phone.PcmuAnswer);
        await phone.ReceiveRequestAsync("ACK");
        await Until(() => !Harness.Inbox.Accepted.IsEmpty);
        await phone.ByeAsync(invite);
        var byeOk = Assert.IsType<SipResponse>(await phone.ReceiveAsync());
        var bye = await caller.ReceiveRequestAndOkAsync();

        Assert.Equal(200, byeOk.StatusCode);
        Assert.Equal("BYE", bye.MethodName);
        Assert.Equal(caller.CallId, bye.CallId);
        await Until(() => !Harness.Inbox.Finalized.IsEmpty);
        Assert.Equal((Agent, id), Assert.Single(Harness.Inbox.Finalized));
        Assert.Empty(Harness.Inbox.HungUp);
        await AssertNothingLeftAsync();
    }

    private TestPhone Register(TestPhone phone)
    {
        Harness.Phones.Registered[phone.Extension] = [phone.Registration];
        return phone;
    }

    // The caller queued and answered: the interaction id and the server's RTP port for her leg.
    private async Task<(string Id, int Port)> QueueAsync(TestCaller caller)
    {
        await caller.InviteAsync("5000", caller.PcmuOffer);
        Assert.Equal(180, (await caller.ReceiveAsync()).StatusCode);
        var ok = await caller.ReceiveAsync();
        Assert.Equal(200, ok.StatusCode);
        await caller.AckAsync("5000");
        return (Harness.Inbox.Opened.Last().Id, MediaPort(ok.Body.Span));
    }

    private static int MediaPort(ReadOnlySpan<byte> sdp)
    {
        var text = Encoding.UTF8.GetString(sdp);
        var start = text.IndexOf("m=audio ", StringComparison.Ordinal) + 8;
        return int.Parse(text[start..text.IndexOf(' ', start)], System.Globalization.CultureInfo.InvariantCulture);
    }

    // Sends PCMU packets marked by their payload from one socket to the server's port until one arrives at the other
    // socket with that payload (hold music and comfort packets are skipped).
    private static async Task<(int PayloadType, bool SsrcRewritten)> RelayAsync(Socket from, int serverPort, Socket to, uint ssrc, byte fill)
    {
        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        packet.AsSpan(12).Fill(fill);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        var buffer = new byte[2048];
        var server = new IPEndPoint(IPAddress.Loopback, serverPort);
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        for (ushort sequence = 1; ; sequence++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 160u);
            await from.SendToAsync(packet, SocketFlags.None, server, deadline.Token);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            wait.CancelAfter(TimeSpan.FromMilliseconds(20));
            try
            {
                while (true)
                {
                    var length = await to.ReceiveAsync(buffer, SocketFlags.None, wait.Token);
                    if (length == packet.Length && buffer[12] == fill && buffer[length - 1] == fill)
                    {
                        return (buffer[1] & 0x7F, BinaryPrimitives.ReadUInt32BigEndian(buffer.AsSpan(8)) != ssrc);
                    }
                }
            }
            catch (OperationCanceledException) when (!deadline.IsCancellationRequested)
            {
            }
        }
    }

    private async Task AssertNothingLeftAsync()
    {
        await Until(() => Harness.Calls.Count == 0 && Harness.Calls.AgentLegCount == 0 && Harness.Ports.Available == Harness.Ports.Capacity);
        Assert.Equal(0, Harness.Calls.AgentLegCount);
        Assert.Equal(Harness.Ports.Capacity, Harness.Ports.Available);
    }

    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(20);
        }
    }
}
