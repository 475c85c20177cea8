using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using Grpc.Core;
using Grpc.Net.Client;
using Inbox.Contracts.Grpc.V1;

namespace Inbox.CallLoad;

/// <summary>
/// Every agent's desk, as a UI would drive it: sign in, go available, watch events; when a call she had is finalized
/// (the caller hung up), close it with a disposition so she is free again; when an offer lapsed, go available again.
/// Counts what happened to the calls and writes one status line a second (see <see cref="StatusHeader"/>), and one
/// line per bridged call with its wait in the queue, for the script to cut into steps.
/// </summary>
internal sealed class AgentDesks
{
    public const string StatusHeader =
        "time legs in_call accepted finalized closed abandoned not_responding errors stream_resets agent_received agent_expected caller_received caller_expected caller_sent server_cpu_ms";

    private readonly ConcurrentDictionary<string, byte> _inCall = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _finalized = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _abandoned = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _waits = new();
    private readonly AgentsService.AgentsServiceClient _agents;
    private readonly InteractionsService.InteractionsServiceClient _interactions;
    private readonly EventsService.EventsServiceClient _events;
    private long _accepted;
    private long _closed;
    private long _notResponding;
    private long _errors;
    private long _streamResets;

    private AgentDesks(GrpcChannel channel)
    {
        _agents = new AgentsService.AgentsServiceClient(channel);
        _interactions = new InteractionsService.InteractionsServiceClient(channel);
        _events = new EventsService.EventsServiceClient(channel);
    }

    public static async Task<int> RunAsync(CommandLine options)
    {
        using var stop = new CancellationTokenSource();
        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });

        // Kestrel allows 100 streams per HTTP/2 connection; every agent keeps one open.
        using var channel = GrpcChannel.ForAddress(
            $"http://127.0.0.1:{options.Number("api-port")}",
            new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        using var echo = new RtpEcho(options.Number("agent-rtp-port"));
        using var callers = new CallerMedia(options.Number("caller-rtp-port"));
        var desks = new AgentDesks(channel);
        var count = options.Number("agents");
        var server = options.Number("server-pid", 0);

        await desks.WaitForServerAsync(stop.Token);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = stop.Token }, async (agent, ct) =>
        {
            var desk = await desks.SignInAsync(agent, ct);
            _ = desks.WatchAsync(desk, stop.Token); // Runs until the end; it counts its own failures.
            await desks.GoAvailableAsync(desk, ct);
        });
        // The first line before the script hears "signed in" and starts calling: each step's counters start from it.
        await using var status = new StreamWriter(options.Text("status"), append: false) { AutoFlush = true };
        await using var waits = new StreamWriter(options.Text("waits"), append: false) { AutoFlush = true };
        await status.WriteLineAsync(StatusHeader);
        await status.WriteLineAsync(desks.Status(echo, callers, server));
        Console.WriteLine($"{count} agents signed in and available");
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await tick.WaitForNextTickAsync(stop.Token))
            {
                await status.WriteLineAsync(desks.Status(echo, callers, server));
                while (desks._waits.TryDequeue(out var line))
                {
                    await waits.WriteLineAsync(line);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        await status.WriteLineAsync(desks.Status(echo, callers, server));
        return 0;
    }

    private string Status(RtpEcho echo, CallerMedia callers, int server) => string.Join(' ',
        DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0,
        echo.Loss.ActiveLegs(TimeSpan.FromMilliseconds(300)),
        _inCall.Count,
        Interlocked.Read(ref _accepted),
        _finalized.Count,
        Interlocked.Read(ref _closed),
        _abandoned.Count,
        Interlocked.Read(ref _notResponding),
        Interlocked.Read(ref _errors),
        Interlocked.Read(ref _streamResets),
        echo.Loss.Received,
        echo.Loss.Expected,
        callers.Loss.Received,
        callers.Loss.Expected,
        callers.Sent,
        ProcessorMilliseconds(server)).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The server's user + system CPU so far (/proc/PID/stat, fields 14 and 15, in clock ticks of 10 ms), so the
    /// script can tell the CPU of the steady part of a step (all calls bridged) from that of setting calls up.
    /// </summary>
    private static long ProcessorMilliseconds(int pid)
    {
        if (pid == 0 || !File.Exists($"/proc/{pid}/stat"))
        {
            return 0;
        }

        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10;
    }

    private async Task WaitForServerAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                await _agents.GetMeAsync(new GetMeRequest(), cancellationToken: deadline.Token);
                return;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
            {
                return; // Up: it answered, and refused the missing token.
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable)
            {
                await Task.Delay(250, deadline.Token);
            }
        }
    }

    private async Task<Desk> SignInAsync(int agent, CancellationToken cancellationToken)
    {
        var id = LoadAgents.Id(agent);
        var response = await _agents.SignInAsync(
            new SignInRequest { RequestId = NewId(), AgentId = id, ApiKey = LoadAgents.ApiKey(agent) }, cancellationToken: cancellationToken);
        return new Desk(id, new Metadata { { "authorization", "Bearer " + response.SessionToken } })
        {
            Epoch = response.EventEpoch,
            Sequence = response.EventSequence,
        };
    }

    private async Task GoAvailableAsync(Desk desk, CancellationToken cancellationToken) =>
        await _agents.SetPresenceAsync(new SetPresenceRequest { RequestId = NewId(), Presence = AgentPresence.Available }, desk.Session, cancellationToken: cancellationToken);

    private async Task WatchAsync(Desk desk, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var call = _events.WatchEvents(new WatchEventsRequest { Epoch = desk.Epoch, AfterSequence = desk.Sequence }, desk.Session, cancellationToken: cancellationToken);
                await foreach (var item in call.ResponseStream.ReadAllAsync(cancellationToken))
                {
                    desk.Sequence = item.Sequence;
                    On(desk, item);
                }
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.ResourceExhausted)
            {
                // Cut off as a slow reader: resume from the last event, as a UI would. Counted: it means the desks
                // (the load generator) fell behind the server's events.
                Interlocked.Increment(ref _streamResets);
            }
            catch (Exception e) when (e is OperationCanceledException || (e is RpcException r && r.StatusCode == StatusCode.Cancelled))
            {
                return;
            }
            catch (RpcException)
            {
                Interlocked.Increment(ref _errors);
                await Task.Delay(500, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void On(Desk desk, Event item)
    {
        if (item.InteractionChanged?.Interaction is { } interaction)
        {
            if (interaction.AgentId == desk.Id && interaction.State == InteractionState.Active && _inCall.TryAdd(interaction.Id, 0))
            {
                Interlocked.Increment(ref _accepted);
                var wait = interaction.AcceptedAt.ToDateTimeOffset() - interaction.CreatedAt.ToDateTimeOffset();
                _waits.Enqueue(string.Create(CultureInfo.InvariantCulture, $"{interaction.AcceptedAt.ToDateTimeOffset().ToUnixTimeMilliseconds() / 1000.0} {wait.TotalMilliseconds:0.0}"));
            }
            else if (interaction.AgentId == desk.Id && interaction.State == InteractionState.Finalized && _finalized.TryAdd(interaction.Id, 0))
            {
                _inCall.TryRemove(interaction.Id, out _);
                _ = CloseAsync(desk, interaction.Id);
            }
            else if (interaction.AgentId.Length == 0 && interaction.State is InteractionState.Finalized or InteractionState.Closed)
            {
                // The caller hung up before any agent answered: the call was never bridged.
                _abandoned.TryAdd(interaction.Id, 0);
            }
        }
        else if (item.AgentChanged?.Agent is { } agent && agent.AgentId == desk.Id && agent.Activity == AgentActivity.NotResponding)
        {
            // An offer to her lapsed (her phone did not answer in time): counted, then she is made available again.
            Interlocked.Increment(ref _notResponding);
            _ = Guard(GoAvailableAsync(desk, CancellationToken.None));
        }
    }

    private async Task CloseAsync(Desk desk, string interactionId)
    {
        if (await Guard(_interactions.CloseAsync(
            new CloseRequest { RequestId = NewId(), InteractionId = interactionId, Disposition = LoadAgents.Disposition }, desk.Session).ResponseAsync).ConfigureAwait(false))
        {
            Interlocked.Increment(ref _closed);
        }
    }

    private async Task<bool> Guard(Task work)
    {
        try
        {
            await work.ConfigureAwait(false);
            return true;
        }
        catch (RpcException)
        {
            Interlocked.Increment(ref _errors);
            return false;
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    private sealed class Desk(string id, Metadata session)
    {
        public string Id { get; } = id;

        public Metadata Session { get; } = session;

        public string Epoch { get; init; } = string.Empty;

        public ulong Sequence { get; set; }
    }
}
