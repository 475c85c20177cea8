using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Inbox.Contracts.Grpc.V1;

namespace Inbox.EndToEndTests;

/// <summary>
/// The agent-phone flow with the server as its own process: bruno's phone (SIPp) registers, he signs in over gRPC, a
/// customer (SIPp) calls the support number and is queued; an offer (or bruno taking the call) rings his phone, it
/// answers, the legs are bridged (RTP relayed both ways between the test's own sockets); then what he does from his
/// UI (hold, mute, hang up) or the caller's BYE ends it.
/// </summary>
[Trait("Category", "E2E")]
[Collection(EndToEndGroup.Name)]
public sealed partial class AgentPhoneEndToEndTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("inbox-e2e-").FullName;

    // Each phone's SIP port: its registered Contact, where the server's INVITEs go.
    private readonly Dictionary<string, int> _phonePorts = [];
    private InboxServerProcess? _server;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task CallToCampaign_AgentPhoneAnswers_BridgedBothWaysThenFinalizedOnCallerBye()
    {
        var clock = Stopwatch.StartNew();
        var (channel, session, agentMedia, phone) = await StartWithBrunosPhoneAsync();
        using var _ = channel;
        await using var __ = agentMedia;
        var started = clock.Elapsed;
        var cancel = TestContext.Current.CancellationToken;
        await new AgentsService.AgentsServiceClient(channel).SetPresenceAsync(
            new SetPresenceRequest { RequestId = NewId(), Presence = AgentPresence.Available }, session, cancellationToken: cancel);
        var interactions = new InteractionsService.InteractionsServiceClient(channel);

        // The customer: queued with hold music, which tells her socket where the server's caller leg is.
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var call = Sipp.RunAsync("call_hold.xml", _server!.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(callerMedia.Port), "-d", "4000"]);

        var active = await WaitForInteractionAsync(interactions, session, i => i.State == InteractionState.Active);
        var activeAt = clock.Elapsed;
        await WaitForAsync(() => Task.FromResult(agentMedia.FromOther >= 20 && callerMedia.FromOther >= 20), "RTP relayed both ways");
        var relayedAt = clock.Elapsed;
        var (callerHeard, agentHeard) = (callerMedia.FromOther, agentMedia.FromOther);

        var callResult = await call;
        var phoneResult = await phone;
        var finalized = await WaitForInteractionAsync(interactions, session, i => i.Id == active.Id && i.State == InteractionState.Finalized);
        output.WriteLine(
            $"server up {started.TotalSeconds:0.0} s, active {activeAt.TotalSeconds:0.0} s, relayed {relayedAt.TotalSeconds:0.0} s, finalized {clock.Elapsed.TotalSeconds:0.0} s; " +
            $"caller got {callerMedia.Packets} packets ({callerMedia.FromOther} from the agent), agent got {agentMedia.Packets} ({agentMedia.FromOther} from the caller); " +
            $"server caller leg {callerMedia.Server}, agent leg {agentMedia.Server}");

        Assert.True(callResult.ExitCode == 0, Describe(callResult));
        Assert.True(phoneResult.ExitCode == 0, Describe(phoneResult));
        Assert.Contains("INVITE sip:1002@127.0.0.1", phoneResult.Messages, StringComparison.Ordinal);
        Assert.Contains("BYE sip:", phoneResult.Messages, StringComparison.Ordinal);
        Assert.Equal((ChannelKind.Telephony, "support", "+15550100", "bruno"), (active.Channel, active.CampaignId, active.CustomerAddress, active.AgentId));
        Assert.Equal("bruno", finalized.AgentId);

        // Both directions went through the server's two legs: each side heard the other's marked payloads, sent to
        // the server's port for its own leg, and the server's two legs are different ports.
        Assert.True(callerHeard >= 20 && agentHeard >= 20, $"caller heard {callerHeard}, agent heard {agentHeard}");
        Assert.Equal("127.0.0.1", callerMedia.Server!.Address.ToString());
        Assert.NotEqual(callerMedia.Server.Port, agentMedia.Server!.Port);
    }

    [Fact]
    public async Task TakenFromQueue_HoldMuteAndHangUpOverGrpc_CallerHearsWhatEachAsks()
    {
        var (channel, session, agentMedia, phone) = await StartWithBrunosPhoneAsync();
        using var _ = channel;
        await using var __ = agentMedia;
        var cancel = TestContext.Current.CancellationToken;
        var interactions = new InteractionsService.InteractionsServiceClient(channel);
        var calls = new CallsService.CallsServiceClient(channel);
        using var events = await ControlApi.WatchEventsAsync(channel, session);
        var callEvents = CollectCallEventsAsync(events.ResponseStream);

        // Bruno is signed in but not available, so the call waits in the queue until he takes it.
        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var caller = Sipp.RunAsync("call_until_bye.xml", _server!.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(callerMedia.Port)]);
        Interaction? pending = null;
        await WaitForAsync(
            async () => (pending = (await interactions.ListPendingAsync(new ListPendingRequest(), session, cancellationToken: cancel)).Interactions.FirstOrDefault()) is not null,
            "the queued call");
        await interactions.TakeAsync(new TakeRequest { RequestId = NewId(), InteractionId = pending!.Id }, session, cancellationToken: cancel);
        await WaitForAsync(() => Task.FromResult(agentMedia.FromOther >= 10 && callerMedia.FromOther >= 10), "RTP relayed both ways after the take");

        var held = await calls.HoldAsync(new HoldRequest { InteractionId = pending.Id }, session, cancellationToken: cancel);
        var onHold = await ListenAsync(callerMedia);
        var resumed = await calls.ResumeAsync(new ResumeRequest { InteractionId = pending.Id }, session, cancellationToken: cancel);
        await WaitForAsync(() => Task.FromResult(callerMedia.FromOther >= onHold.FromOther + 10), "the agent heard again after resume");
        var muted = await calls.SetMuteAsync(new SetMuteRequest { InteractionId = pending.Id, Muted = true }, session, cancellationToken: cancel);
        var whileMuted = await ListenAsync(callerMedia);
        var agentHeardWhileMuted = agentMedia.FromOther;
        await WaitForAsync(() => Task.FromResult(agentMedia.FromOther >= agentHeardWhileMuted + 10), "the caller still heard by the muted agent");
        var hungUp = await calls.HangUpAsync(new HangUpRequest { InteractionId = pending.Id }, session, cancellationToken: cancel);
        var callerResult = await caller;
        var phoneResult = await phone;
        var finalized = await WaitForInteractionAsync(interactions, session, i => i.Id == pending.Id && i.State == InteractionState.Finalized);
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
            await calls.HoldAsync(new HoldRequest { InteractionId = pending.Id }, session, cancellationToken: cancel));
        await WaitForAsync(() => Task.FromResult(callEvents.Seen(CallState.Ended)), "the CallChanged event for the end of the call");
        output.WriteLine($"on hold: {onHold.Packets} packets, {onHold.FromOther - onHold.FromOtherBefore} from the agent; muted: {whileMuted.Packets} packets, {whileMuted.FromOther - whileMuted.FromOtherBefore} from the agent");

        Assert.Equal((CallState.OnHold, true), (held.Call.State, held.Call.OnHold));
        Assert.True(onHold.Packets >= 20, $"the caller heard {onHold.Packets} packets of hold music");
        Assert.True(onHold.FromOther - onHold.FromOtherBefore <= 2, "the agent was heard on hold");
        Assert.Equal(CallState.Connected, resumed.Call.State);
        Assert.True(muted.Call.Muted);
        Assert.True(whileMuted.Packets >= 20, $"the caller heard {whileMuted.Packets} packets while the agent was muted");
        Assert.True(whileMuted.FromOther - whileMuted.FromOtherBefore <= 2, "the muted agent was heard");
        Assert.Equal(CallState.Ended, hungUp.Call.State);
        Assert.True(callerResult.ExitCode == 0, Describe(callerResult));
        Assert.True(phoneResult.ExitCode == 0, Describe(phoneResult));
        Assert.Equal("bruno", finalized.AgentId);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.True(callEvents.Seen(CallState.Connected) && callEvents.Seen(CallState.OnHold), "CallChanged events for connected and on hold");
    }

    [Fact]
    public async Task Parked_AnaRetrievesOverGrpc_HerPhoneRingsAndTheCallerHearsHer()
    {
        var (channel, brunosSession, brunosMedia, brunosPhone) = await StartWithBrunosPhoneAsync();
        using var _ = channel;
        await using var __ = brunosMedia;
        await using var anasMedia = new RtpPeer(marker: 0x2B, otherMarker: 0x3C);
        var anasPhone = await RegisterPhoneAsync("1001", "demo-1001", anasMedia);
        var anasSession = await SignInAsync(channel, "ana", "demo-ana");
        var cancel = TestContext.Current.CancellationToken;
        var calls = new CallsService.CallsServiceClient(channel);
        await new AgentsService.AgentsServiceClient(channel).SetPresenceAsync(
            new SetPresenceRequest { RequestId = NewId(), Presence = AgentPresence.Available }, brunosSession, cancellationToken: cancel);

        await using var callerMedia = new RtpPeer(marker: 0x3C, otherMarker: 0x2A);
        var caller = Sipp.RunAsync("call_hold.xml", _server!.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(callerMedia.Port), "-d", "9000"]);
        var active = await WaitForInteractionAsync(new InteractionsService.InteractionsServiceClient(channel), brunosSession, i => i.State == InteractionState.Active);
        await WaitForAsync(() => Task.FromResult(brunosMedia.FromOther >= 10), "the caller heard by bruno");

        var parked = await calls.ParkAsync(new ParkRequest { InteractionId = active.Id }, brunosSession, cancellationToken: cancel);
        var brunosResult = await brunosPhone;
        var lot = await calls.ListParkedAsync(new ListParkedRequest(), anasSession, cancellationToken: cancel);
        var retrieved = await calls.RetrieveAsync(new RetrieveRequest { InteractionId = active.Id }, anasSession, cancellationToken: cancel);
        await WaitForAsync(() => Task.FromResult(anasMedia.FromOther >= 10 && callerMedia.FromOtherMarker(anasMedia.Marker) >= 10), "the caller and ana hear each other");
        var callerResult = await caller;
        var anasResult = await anasPhone;
        var finalized = await WaitForInteractionAsync(
            new InteractionsService.InteractionsServiceClient(channel), anasSession, i => i.Id == active.Id && i.State == InteractionState.Finalized);

        Assert.Equal((CallState.Parked, 701), (parked.Call.State, parked.Call.ParkSlot));
        Assert.True(brunosResult.ExitCode == 0, Describe(brunosResult));
        Assert.Equal((701, active.Id, "bruno"), (Assert.Single(lot.Calls).Slot, lot.Calls[0].InteractionId, lot.Calls[0].ParkedBy));
        Assert.Equal("ana", retrieved.Call.Legs.Last().AgentId);
        Assert.True(callerResult.ExitCode == 0, Describe(callerResult));
        Assert.True(anasResult.ExitCode == 0, Describe(anasResult));
        Assert.Equal("ana", finalized.AgentId);
    }

    // Bruno's phone (SIPp) registers as 1002 and waits for the server's INVITE; he signs in over gRPC.
    private async Task<(GrpcChannel Channel, Metadata Session, RtpPeer AgentMedia, Task<Sipp.Result> Phone)> StartWithBrunosPhoneAsync(
        Action<JsonNode>? configure = null)
    {
        var channel = await StartServerAsync(configure);
        var agentMedia = new RtpPeer(marker: 0x2A, otherMarker: 0x3C);
        var phone = await RegisterPhoneAsync("1002", "demo-1002", agentMedia);
        return (channel, await SignInAsync(channel, "bruno", "demo-bruno"), agentMedia, phone);
    }

    private async Task<GrpcChannel> StartServerAsync(Action<JsonNode>? configure = null)
    {
        var apiPort = InboxServerProcess.FindFreePort();
        // SIPp's digest is MD5 only.
        _server = await InboxServerProcess.StartAsync(_work, InboxServerProcess.FindFreePort(), settings =>
        {
            settings["Api"]!["Port"] = apiPort;
            settings["Sip"]!["Registrar"]!["Algorithms"] = new JsonArray("MD5");
            configure?.Invoke(settings);
        });
        return GrpcChannel.ForAddress($"http://127.0.0.1:{apiPort}");
    }

    // A phone (SIPp) registers the extension, then answers the server's next INVITE with its audio at media's port.
    private async Task<Task<Sipp.Result>> RegisterPhoneAsync(string extension, string password, RtpPeer media, string scenario = "agent_phone.xml")
    {
        var phonePort = _phonePorts[extension] = InboxServerProcess.FindFreePort();
        var registered = await Sipp.RunAsync("register.xml", _server!.Port, _work, extension, password, localPort: phonePort);
        Assert.True(registered.ExitCode == 0, Describe(registered));
        await WaitForAsync(async () => (await BindingsAsync()).Any(aor => aor.Contains(extension, StringComparison.Ordinal)), $"phone {extension} registered");
        return AnswerAgainAsync(extension, password, media, scenario);
    }

    // The registered phone, free again, answers the server's next INVITE on the same port.
    private Task<Sipp.Result> AnswerAgainAsync(string extension, string password, RtpPeer media, string scenario = "agent_phone.xml") =>
        Sipp.RunAsync(scenario, _server!.Port, _work, extension, password, localPort: _phonePorts[extension], extraArguments: ["-key", "agent_rtp", Port(media.Port)]);

    // What the caller's socket receives over one second: every packet, and the agent's marked ones among them.
    private static async Task<(int Packets, int FromOtherBefore, int FromOther)> ListenAsync(RtpPeer peer)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(200), TestContext.Current.CancellationToken); // let the switch settle
        var (packets, fromOther) = (peer.Packets, peer.FromOther);
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        return (peer.Packets - packets, fromOther, peer.FromOther);
    }

    private static CallEventLog CollectCallEventsAsync(IAsyncStreamReader<Event> stream)
    {
        var log = new CallEventLog();
        Read(stream, e =>
        {
            if (e.CallChanged is { } changed)
            {
                log.Add(changed);
            }
        });
        return log;
    }

    // Hands each event of the stream to onEvent, in the background, until the stream ends.
    private static void Read(IAsyncStreamReader<Event> stream, Action<Event> onEvent) => _ = Task.Run(async () =>
    {
        try
        {
            while (await stream.MoveNext(CancellationToken.None))
            {
                onEvent(stream.Current);
            }
        }
        catch (RpcException)
        {
            // The test ended the stream.
        }
    });

    /// <summary>The call states and the SIP statuses of PROGRESS events the agent's event stream reported.</summary>
    private sealed class CallEventLog
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<CallState> _states = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<int> _progress = new();

        public void Add(CallChanged changed)
        {
            _states.Enqueue(changed.Call.State);
            if (changed.Change == CallChange.Progress)
            {
                _progress.Enqueue(changed.SipStatus);
            }
        }

        public bool Seen(CallState state) => _states.Contains(state);

        public bool SeenProgress(int sipStatus) => _progress.Contains(sipStatus);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string NewId() => ControlApi.NewId();

    private static Task<Metadata> SignInAsync(GrpcChannel channel, string agentId, string apiKey) => ControlApi.SignInAsync(channel, agentId, apiKey);

    private Task<Interaction> WaitForInteractionAsync(InteractionsService.InteractionsServiceClient client, Metadata session, Func<Interaction, bool> condition) =>
        ControlApi.WaitForInteractionAsync(_server!, client, session, condition);

    private Task WaitForAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null) => ControlApi.WaitForAsync(_server!, condition, what, within);

    private Task<List<string>> BindingsAsync() => ControlApi.BindingsAsync(_server!);

    private string Describe(Sipp.Result result) => ControlApi.Describe(_server!, result);
}
