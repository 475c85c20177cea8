using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Inbox.Sip.Messages;
using Inbox.Telephony.Legs;
using Inbox.Telephony.Trunks;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// A fresh harness per test, and the steps calls share: queue a caller, ring and answer the agent's phone, send marked
/// RTP and see where it arrives, and check that nothing is left behind.
/// </summary>
public abstract class CallTestBase : IAsyncLifetime
{
    protected const string Agent = "bruno";

    /// <summary>The number the calls agents place go to.</summary>
    protected const string Customer = "+34600123456";
    private TelephonyHarness? _harness;

    private protected TelephonyHarness Harness => _harness!;

    public async ValueTask InitializeAsync() => _harness = await StartHarnessAsync();

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The harness each test gets; a class that needs a fake clock or other options starts its own, on its own ports.</summary>
    private protected virtual Task<TelephonyHarness> StartHarnessAsync() => TelephonyHarness.StartAsync(46000 + (2 * Random.Shared.Next(0, 2000)));

    private protected TestPhone Register(TestPhone phone)
    {
        Harness.Phones.Registered[phone.Extension] = [phone.Registration];
        return phone;
    }

    // The caller queued and answered: the interaction id and the server's RTP port for her leg.
    private protected async Task<(string Id, int Port)> QueueAsync(TestCaller caller, string? offer = null)
    {
        var ok = await AnswerAsync(caller, offer: offer);
        await AckAsync(caller);

        // Filed before the 200 went out; read from the call, since calls in parallel file theirs too.
        Assert.True(Harness.Calls.TryGetInbound(caller.CallId, out var call));
        return (call.InteractionId!, MediaPort(ok.Body.Span));
    }

    /// <summary>The caller's INVITE rung and answered: the server's 200 OK, not yet acknowledged.</summary>
    /// <param name="offer">The caller's SDP; PCMU and telephone-event when null.</param>
    private protected static async Task<SipResponse> AnswerAsync(TestCaller caller, string headers = "", string? offer = null)
    {
        await caller.InviteAsync("5000", offer ?? caller.PcmuOffer, headers);
        Assert.Equal(180, (await caller.ReceiveAsync()).StatusCode);
        var ok = await caller.ReceiveAsync();
        Assert.Equal(200, ok.StatusCode);
        return ok;
    }

    /// <summary>The caller acknowledges the 200, and the server has taken the ACK (a fake clock may move after).</summary>
    private protected async Task AckAsync(TestCaller caller)
    {
        await caller.AckAsync("5000");
        await Until(() => Harness.Calls.TryGetInbound(caller.CallId, out var call) && call.State == InboundCallState.Confirmed);
    }

    /// <summary>The phone answers the server's INVITE with PCMU; returns the INVITE (its SDP names the server's port for the leg).</summary>
    private protected static async Task<SipRequest> AnswerPhoneAsync(TestPhone phone)
    {
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 200, "OK", phone.PcmuAnswer);
        await phone.ReceiveRequestAsync("ACK");
        return invite;
    }

    protected static int MediaPort(ReadOnlySpan<byte> sdp)
    {
        var text = Encoding.UTF8.GetString(sdp);
        var start = text.IndexOf("m=audio ", StringComparison.Ordinal) + 8;
        return int.Parse(text[start..text.IndexOf(' ', start)], System.Globalization.CultureInfo.InvariantCulture);
    }

    // Sends PCMU packets marked by their payload from one socket to the server's port until one arrives at the other
    // socket with that payload (hold music and comfort packets are skipped).
    protected static async Task<(int PayloadType, bool SsrcRewritten)> RelayAsync(Socket from, int serverPort, Socket to, uint ssrc, byte fill)
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

    protected async Task AssertNothingLeftAsync()
    {
        await Until(() => Harness.Calls.Count == 0 && Harness.Calls.OutgoingLegCount == 0 && Harness.Calls.TrunkLegCount == 0
            && Harness.Handler.PendingPhoneDialCount == 0 && Harness.Ports.Available == Harness.Ports.Capacity && Harness.Quality.Watched == 0);
        Assert.Equal(0, Harness.Calls.OutgoingLegCount);
        Assert.Equal(0, Harness.Handler.PendingPhoneDialCount);
        Assert.Equal(Harness.Ports.Capacity, Harness.Ports.Available);
        Assert.Equal((0, 0), Harness.Handler.WatchedLegCount);
    }

    protected static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(20);
        }
    }

    /// <summary>Queues a caller, offers the call to <see cref="Agent"/>, and her phone answers PCMU: the two are bridged.</summary>
    /// <param name="headers">Extra header lines of the phone's 200 OK (Session-Expires).</param>
    private protected async Task<BridgedCall> ConnectAsync(TestCaller caller, TestPhone phone, string headers = "", string? offer = null)
    {
        var (id, callerLegPort) = await QueueAsync(caller, offer);
        Harness.Handler.Offered(caller.CallId, id, Agent, [phone.Extension]);
        var invite = await phone.ReceiveRequestAsync("INVITE");
        await phone.RespondAsync(invite, 200, "OK", phone.PcmuAnswer, headers);
        await phone.ReceiveRequestAsync("ACK");
        await Until(() => Harness.Inbox.Accepted.Any(a => a.Id == id));
        var call = new BridgedCall(id, caller.CallId, invite, callerLegPort, MediaPort(invite.Body.Span));

        // Both sockets have sent, so the server's legs have latched onto them.
        await RelayAsync(caller.Rtp, call.CallerLegPort, phone.Rtp, ssrc: 0x11111111, fill: 0x55);
        await RelayAsync(phone.Rtp, call.AgentLegPort, caller.Rtp, ssrc: 0x22222222, fill: 0x66);
        return call;
    }

    /// <summary>
    /// Sends PCMU packets filled with <paramref name="fill"/> from <paramref name="from"/> to the server's port for
    /// <paramref name="duration"/>, while collecting the payloads that reach <paramref name="to"/>.
    /// </summary>
    protected static async Task<List<byte[]>> SendAndCollectAsync(Socket from, int serverPort, Socket to, byte fill, TimeSpan duration)
    {
        var received = new List<byte[]>();
        using var stop = new CancellationTokenSource(duration);
        var collecting = Task.Run(async () =>
        {
            var buffer = new byte[2048];
            try
            {
                while (true)
                {
                    var length = await to.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                    if (length > 12)
                    {
                        received.Add(buffer.AsSpan(12, length - 12).ToArray());
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        packet.AsSpan(12).Fill(fill);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x33333333);
        var server = new IPEndPoint(IPAddress.Loopback, serverPort);
        for (ushort sequence = 1; !stop.IsCancellationRequested; sequence++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 160u);
            await from.SendToAsync(packet, SocketFlags.None, server);
            await Task.Delay(20);
        }

        await collecting;
        return received;
    }

    /// <summary>Moves a fake clock one second at a time, letting the work each step posts run, until <paramref name="done"/>.</summary>
    protected static async Task AdvanceUntil(FakeTimeProvider time, TimeSpan limit, Func<bool> done)
    {
        ArgumentNullException.ThrowIfNull(time);
        for (var moved = TimeSpan.Zero; !done() && moved < limit; moved += TimeSpan.FromSeconds(1))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }

        await Until(done);
    }

    /// <summary>One RTP packet from <paramref name="from"/> to the server's port, counted there before this returns.</summary>
    protected static async Task SendOneAsync(Socket from, int serverPort, Func<long> received)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(received);
        var before = received();
        var packet = new byte[12 + 160];
        packet[0] = 0x80;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 1);
        await from.SendToAsync(packet, SocketFlags.None, new IPEndPoint(IPAddress.Loopback, serverPort));
        await Until(() => received() > before);
    }

    /// <summary>Bruno places a call to <see cref="Customer"/> through a trunk at the scripted far end: the call's Call-ID (his phone's leg).</summary>
    private protected string Dial(TestPhone trunk, string interactionId, string? username = null, string? password = null)
    {
        var callId = Guid.NewGuid().ToString("N");
        Harness.Handler.Dial(callId, interactionId, Agent, ["1002"], "support", RouteThrough(trunk, Customer, username, password));
        return callId;
    }

    /// <summary>
    /// Bruno's phone answers the call he placed, then the customer's line at <paramref name="trunk"/> answers PCMU and
    /// both have sent audio: the two are bridged.
    /// </summary>
    private protected async Task<PlacedCall> PlaceAsync(TestPhone phone, TestPhone trunk, string interactionId)
    {
        var callId = Dial(trunk, interactionId);
        var agentInvite = await AnswerPhoneAsync(phone);
        var trunkInvite = await trunk.ReceiveRequestAsync("INVITE");
        await trunk.RespondAsync(trunkInvite, 200, "OK", trunk.PcmuAnswer);
        await trunk.ReceiveRequestAsync("ACK");
        var call = new PlacedCall(callId, interactionId, agentInvite, trunkInvite);
        await BothWaysAsync(trunk.Rtp, call.CustomerLegPort, phone.Rtp, call.AgentLegPort, 0x55, 0x66);
        return call;
    }

    /// <summary>A route to <paramref name="number"/> through a trunk at the scripted far end, whose dial rules write it 00... .</summary>
    private protected static OutboundRoute RouteThrough(TestPhone trunk, string number, string? username = null, string? password = null) => new(
        Trunk.Create(new TrunkOptions
        {
            Id = "carrier",
            Address = trunk.SipEndPoint.ToString(),
            Username = username,
            Password = password,
            FromUser = "+34910000000",
        }),
        number,
        "00" + number[1..]);

    // Marked packets from a reach b, and b's reach a, each through the server's port for the sender's leg.
    protected static async Task BothWaysAsync(Socket a, int aLegPort, Socket b, int bLegPort, byte aFill, byte bFill)
    {
        await RelayAsync(a, aLegPort, b, ssrc: 0x11111111, fill: aFill);
        await RelayAsync(b, bLegPort, a, ssrc: 0x22222222, fill: bFill);
    }

    /// <summary>
    /// <paramref name="supervisor"/> asks to listen in on <paramref name="call"/>; her phone rings and answers (as it
    /// would by itself): its INVITE, once she listens.
    /// </summary>
    private protected async Task<SipRequest> ListenInAsync(BridgedCall call, TestPhone supervisorsPhone, string supervisor)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(supervisorsPhone);
        await Harness.Handler.MonitorAsync(call.CallId, supervisor, [supervisorsPhone.Extension]);
        var invite = await supervisorsPhone.ReceiveRequestAsync("INVITE");
        await supervisorsPhone.RespondAsync(invite, 180, "Ringing");
        await supervisorsPhone.RespondAsync(invite, 200, "OK", supervisorsPhone.PcmuAnswer);
        await supervisorsPhone.ReceiveRequestAsync("ACK");
        await Until(() => Harness.Calls.TryGet(call.CallId, out var live) && live.Monitor is { Conversation: not null });
        return invite;
    }

    /// <summary>A ringing phone gets CANCEL: 200 for it, 487 for the INVITE, then the server's ACK.</summary>
    private protected static async Task AnswerCancelAsync(TestPhone phone, SipRequest invite)
    {
        ArgumentNullException.ThrowIfNull(phone);
        await phone.RespondAsync(await phone.ReceiveRequestAsync("CANCEL"), 200, "OK");
        await phone.RespondAsync(invite, 487, "Request Terminated");
        await phone.ReceiveRequestAsync("ACK");
    }

    /// <summary>How many RTP packets reach <paramref name="socket"/> within <paramref name="duration"/> (hold music, ringback).</summary>
    protected static async Task<int> CountRtpAsync(Socket socket, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var count = 0;
        var buffer = new byte[2048];
        using var stop = new CancellationTokenSource(duration);
        try
        {
            while (true)
            {
                await socket.ReceiveAsync(buffer, SocketFlags.None, stop.Token);
                count++;
            }
        }
        catch (OperationCanceledException)
        {
            return count;
        }
    }

    /// <summary>A call bridged by <see cref="ConnectAsync"/>: its interaction, the phone's INVITE and the server's two RTP ports.</summary>
    private protected sealed record BridgedCall(string InteractionId, string CallId, SipRequest PhoneInvite, int CallerLegPort, int AgentLegPort);

    /// <summary>A call Bruno placed and <see cref="PlaceAsync"/> bridged: his phone's and the trunk's INVITEs, and the server's RTP port for each leg.</summary>
    private protected sealed record PlacedCall(string CallId, string InteractionId, SipRequest AgentInvite, SipRequest TrunkInvite)
    {
        public int AgentLegPort => MediaPort(AgentInvite.Body.Span);

        public int CustomerLegPort => MediaPort(TrunkInvite.Body.Span);
    }
}
