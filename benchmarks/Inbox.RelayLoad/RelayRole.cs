using System.Globalization;
using System.Net;
using Inbox.Media.Sessions;
using Inbox.Media.Transport;
using Inbox.Media.Transport.Batching;

namespace Inbox.RelayLoad;

/// <summary>The media server side: N calls, each two legs bridged by the same-codec relay.</summary>
internal static class RelayRole
{
    public static async Task<int> RunAsync(LoadOptions options)
    {
        var allocator = new RtpPortAllocator(new RtpPortRange { FirstPort = options.FirstPort, LastPort = options.FirstPort + (options.Calls * 4) + 100 });
        using var stop = new CancellationTokenSource();
        var engine = options.Batched ? new RtpReceiveEngine(options.Workers) : null;
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
        if (engine is not null)
        {
            var (wakeUps, reads, datagrams) = engine.Batching;
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"batched: workers={engine.WorkerCount} wake-ups={wakeUps} recvmmsg={reads} datagrams={datagrams} " +
                $"sockets/wake-up={(double)reads / Math.Max(1, wakeUps):F2} datagrams/recvmmsg={(double)datagrams / Math.Max(1, reads):F2} faults={engine.Errors.Faults}"));
            await engine.DisposeAsync();
        }

        var dropped = sessions.Sum(s => s.Counters.Malformed + s.Counters.UnexpectedSource + s.Counters.SendErrors);
        await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"relay dropped {dropped}"));
        return 0;
    }

    private static RtpSession Open(RtpPortAllocator allocator) =>
        allocator.TryAllocate(IPAddress.Loopback, withRtcp: false, out var sockets)
            ? new RtpSession(sockets!, remote: null, clockRate: 8000, TimeProvider.System)
            : throw new InvalidOperationException("The RTP port range is exhausted.");
}
