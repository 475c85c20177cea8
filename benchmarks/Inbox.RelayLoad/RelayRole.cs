using System.Globalization;
using System.Net;
using Inbox.Media.Sessions;
using Inbox.Media.Transport;
using Inbox.Media.Transport.Batching;
using Inbox.Media.Transport.Ring;

namespace Inbox.RelayLoad;

/// <summary>The media server side: N calls, each two legs bridged by the same-codec relay.</summary>
internal static class RelayRole
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var allocator = new RtpPortAllocator(new RtpPortRange { FirstPort = options.FirstPort, LastPort = options.FirstPort + (options.Calls * 4) + 100 });
        using var stop = new CancellationTokenSource();
        var engine = CreateEngine(options);
        var sessions = new List<RtpSession>();
        var loops = new List<Task>();
        for (var call = 0; call < options.Calls; call++)
        {
            var customer = Open(allocator);
            var agent = Open(allocator);
            customer.SetHandler(new RtpRelay(agent));
            agent.SetHandler(new RtpRelay(customer));
            sessions.Add(customer);
            sessions.Add(agent);
            if (engine is not null)
            {
                customer.Attach(engine);
                agent.Attach(engine);
            }
            else
            {
                loops.Add(customer.RunAsync(stop.Token));
                loops.Add(agent.RunAsync(stop.Token));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{customer.LocalEndPoint.Port} {agent.LocalEndPoint.Port}"));
        }

        Console.WriteLine("READY");
        await Console.In.ReadToEndAsync(CancellationToken.None);
        await stop.CancelAsync();
        sessions.ForEach(s => s.Dispose());
        await Task.WhenAll(loops);
        if (engine is RtpReceiveEngine batched)
        {
            var (wakeUps, reads, datagrams) = batched.Batching;
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"batched: workers={batched.WorkerCount} wake-ups={wakeUps} recvmmsg={reads} datagrams={datagrams} " +
                $"sockets/wake-up={(double)reads / Math.Max(1, wakeUps):F2} datagrams/recvmmsg={(double)datagrams / Math.Max(1, reads):F2} faults={batched.Errors.Faults}"));
        }
        else if (engine is RtpRingEngine ring)
        {
            var c = ring.Counters;
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"ring: workers={ring.WorkerCount} io_uring_enter={c.Enters} completions={c.Completions} datagrams={c.Datagrams} sends={c.Sends} " +
                $"send_fallbacks={c.SendFallbacks} no_buffers={c.NoBuffers} rearms={c.Rearms} datagrams/enter={(double)c.Datagrams / Math.Max(1, c.Enters):F2} " +
                $"enters/packet={(double)c.Enters / Math.Max(1, c.Datagrams):F3} faults={ring.Errors.Faults} receive_errors={ring.Errors.ReceiveErrors}"));
        }

        if (engine is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }

        var dropped = sessions.Sum(s => s.Counters.Malformed + s.Counters.UnexpectedSource + s.Counters.SendErrors);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"relay dropped {dropped}"));
        return 0;
    }

    // The ring engine where io_uring works, else the batched engine: the choice a host would make from IsSupported.
    private static IRtpReceiveEngine? CreateEngine(LoadOptions options)
    {
        if (options.Engine == "ring" && !RtpRingEngine.IsSupported)
        {
            Console.Error.WriteLine($"ring: not supported ({RtpRingEngine.Reason}); using batched");
        }

        return options.Engine switch
        {
            "ring" when RtpRingEngine.IsSupported => new RtpRingEngine(options.Workers),
            "ring" or "batched" => new RtpReceiveEngine(options.Workers),
            _ => null,
        };
    }

    private static RtpSession Open(RtpPortAllocator allocator) =>
        allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var sockets)
            ? new RtpSession(sockets!, remote: null, clockRate: 8000, TimeProvider.System)
            : throw new InvalidOperationException("The RTP port range is exhausted.");
}
