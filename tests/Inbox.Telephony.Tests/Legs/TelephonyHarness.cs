using System.Net;
using Inbox.Media.Clock;
using Inbox.Media.Codecs;
using Inbox.Media.Quality;
using Inbox.Media.Transport;
using Inbox.Sip.Auth;
using Inbox.Sip.Stack;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;
using Inbox.Telephony.Calls;
using Inbox.Telephony.Features;
using Inbox.Telephony.Legs;
using Inbox.Telephony.Phones;
using Inbox.Telephony.Routing;
using Inbox.Telephony.Tests.Routing;
using Inbox.Telephony.Trunks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Tests.Legs;

/// <summary>
/// The real SIP transport and stack on 127.0.0.1, with call control, the media engine (one receive loop per session,
/// a real media clock) and a recording inbox: number 5000 rings campaign "support". Timers (SIP, call control, RTP
/// timeout) run on the given clock, a fake one where a test moves time; the media clock always runs in real time.
/// Quality is scored every second; recordings (when the campaign records) go under a temporary data folder.
/// </summary>
internal sealed class TelephonyHarness : IAsyncDisposable
{
    private readonly SipTransportLayer _transport;
    private readonly SipStack _stack;
    private readonly RtpReceivePath _receive;

    private TelephonyHarness(
        SipTransportLayer transport, SipStack stack, RtpReceivePath receive, MediaClock clock, RtpPortAllocator ports, CallRegistry calls,
        RecordingInbox inbox, CallHandler handler, TestPhoneLocator phones, TimeProvider time,
        CallQualityMonitor quality, RecordingFolder folder)
    {
        Quality = quality;
        Folder = folder;
        Time = time;
        Handler = handler;
        Phones = phones;
        _transport = transport;
        _stack = stack;
        _receive = receive;
        Clock = clock;
        Ports = ports;
        Calls = calls;
        Inbox = inbox;
    }

    /// <summary>The digest realm agents' phones authenticate in when they place calls.</summary>
    public const string Realm = "inbox.test";

    /// <summary>The phones' passwords, for calls they place through the server (none until a test sets one).</summary>
    public InMemoryDigestCredentialStore Credentials { get; private init; } = null!;

    /// <summary>The lookups of <see cref="Credentials"/> call control makes, which a test can hold.</summary>
    public HeldCredentialStore CredentialLookups { get; private init; } = null!;

    /// <summary>How long an outbound call rings before it ends as "no answer".</summary>
    public static TimeSpan DialTimeout { get; } = TimeSpan.FromSeconds(2);

    public MediaClock Clock { get; }

    /// <summary>The clock of every timer but the media clock's.</summary>
    public TimeProvider Time { get; }

    public SipStack Stack => _stack;

    /// <summary>The one quality monitor: what it watches must go when calls end.</summary>
    public CallQualityMonitor Quality { get; }

    /// <summary>The data folder recordings go under.</summary>
    public RecordingFolder Folder { get; }

    public RtpPortAllocator Ports { get; }

    public CallRegistry Calls { get; }

    public RecordingInbox Inbox { get; }

    /// <summary>Call control, for offers as the inbox would make them.</summary>
    public CallHandler Handler { get; }

    /// <summary>The agents' registered phones.</summary>
    public TestPhoneLocator Phones { get; }

    public IPEndPoint SipEndPoint => _transport.LocalEndPoints.First(e => e.Protocol == SipTransportProtocol.Udp).Address;

    public static async Task<TelephonyHarness> StartAsync(
        int firstRtpPort, TimeProvider? timers = null, Action<TelephonyOptions>? configure = null, int rtpPorts = 20, bool recording = false)
    {
        var time = timers ?? TimeProvider.System;
        // A small park lot with a short timeout, so tests fill it and see the ring-back without waiting minutes.
        var settings = new TelephonyOptions
        {
            Numbers = [new() { Number = "5000", CampaignId = "support" }],
            Park = new ParkOptions { FirstSlot = 701, Slots = 2, Timeout = TimeSpan.FromSeconds(1.5) },

            // A short ring timeout, so that an outbound call nobody answers ends within a test.
            DialTimeout = DialTimeout,

            // Support's trunk dials Spanish numbers only (tests that place calls give their own trunk's route).
            Trunks = [new() { Id = "carrier", Address = "127.0.0.1:5999", Numbers = [@"^\+34"] }],
            Campaigns = [new() { CampaignId = "support", Trunks = ["carrier"] }],
        };
        configure?.Invoke(settings);
        var options = Options.Create(settings);
        var ports = new RtpPortAllocator(new RtpPortRange { FirstPort = firstRtpPort, LastPort = firstRtpPort + rtpPorts - 1 });
        var receive = RtpReceivePath.Start(new RtpReceiveOptions { Engine = RtpReceiveEngineKind.PerSession });
        var clock = new MediaClock(Options.Create(new MediaClockOptions { WorkerCount = 1 }), TimeProvider.System, NullLogger<MediaClock>.Instance);
        await clock.StartAsync(CancellationToken.None);
        var codecs = new AudioCodecFactory(NullLogger<AudioCodecFactory>.Instance);
        var media = new MediaLegFactory(ports, receive, clock, codecs, time, options);
        var directory = new FixedOptionsMonitor<Interactions.Directory.AgentDirectoryOptions>(TelephonyTestDirectory.Create(recording: recording));
        var holdMusic = new HoldMusicLibrary(directory, NullLogger<HoldMusicLibrary>.Instance);
        var quality = new CallQualityMonitor(Options.Create(new QualityOptions { Interval = TimeSpan.FromSeconds(1) }), time, TimeSpan.FromMilliseconds(100));
        var folder = new RecordingFolder(Directory.CreateTempSubdirectory("inbox-telephony-").FullName);
        var features = new CallFeatureFactory(new CallRecordings(folder, directory, codecs, clock, time, NullLoggerFactory.Instance), clock, time);
        var inbox = new RecordingInbox();
        var calls = new CallRegistry();
        var phones = new TestPhoneLocator();
        var credentials = new InMemoryDigestCredentialStore();
        var lookups = new HeldCredentialStore(credentials);
        var handler = new CallHandler(
            new NumberRouter(options), media, holdMusic, inbox, calls, new ParkingLot(options), phones, features, quality, new TrunkRouter(options),
            new PhoneAuthenticator(new DigestAuthenticator(Options.Create(new DigestAuthOptions { Realm = Realm }), lookups, time), lookups),
            options, new SipTimerOptions(), time, NullLogger<CallHandler>.Instance);

        var transport = new SipTransportLayer(
            Options.Create(new SipTransportOptions { ListenAddresses = ["127.0.0.1"], Port = 0, EnableTcp = false }),
            new SipTransportCounters(), time, NullLogger<SipTransportLayer>.Instance);
        var stack = new SipStack(
            transport, [handler, new ByeHandler(handler), new ReferHandler(handler), new InfoHandler(handler)], Options.Create(new SipStackOptions()), new SipTimerOptions(), time,
            NullLogger<SipStack>.Instance, NullLogger<SipTransactionLayer>.Instance);
        transport.Start(stack);
        return new TelephonyHarness(transport, stack, receive, clock, ports, calls, inbox, handler, phones, time, quality, folder) { Credentials = credentials, CredentialLookups = lookups };
    }

    public async ValueTask DisposeAsync()
    {
        await _transport.StopAsync();
        await _stack.DisposeAsync();
        await _transport.DisposeAsync();
        Calls.Dispose();
        await Handler.DisposeAsync();
        await Clock.DisposeAsync();
        await _receive.DisposeAsync();
        await Quality.DisposeAsync();
        Directory.Delete(Folder.DataDirectory, recursive: true);
    }
}
