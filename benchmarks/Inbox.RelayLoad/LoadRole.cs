using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Inbox.RelayLoad;

/// <summary>
/// The phones: every call has a customer and an agent phone that each send one 172-byte G.711 packet every 20 ms
/// (50 packets/s per direction) carrying its send time, and count and time what the other side's phone receives.
/// </summary>
internal static class LoadRole
{
    private const int PacketLength = 172;
    private const int WarmUpFrames = 25;

    // Each 20 ms frame is sent in slices across the frame, as independent phones would, rather than as one burst.
    private const int SlicesPerFrame = 10;
    private static readonly TimeSpan s_frame = TimeSpan.FromMilliseconds(20);

    public static async Task<int> RunAsync(LoadOptions options)
    {
        using var relay = StartRelay(options);
        var phones = new List<Phone>();
        for (var call = 0; call < options.Calls; call++)
        {
            var ports = (await relay.StandardOutput.ReadLineAsync())!.Split(' ');
            phones.Add(new Phone(new IPEndPoint(IPAddress.Loopback, int.Parse(ports[0], CultureInfo.InvariantCulture))));
            phones.Add(new Phone(new IPEndPoint(IPAddress.Loopback, int.Parse(ports[1], CultureInfo.InvariantCulture))));
        }

        if (await relay.StandardOutput.ReadLineAsync() != "READY")
        {
            throw new InvalidOperationException("The relay did not start.");
        }

        using var stop = new CancellationTokenSource();
        var receivers = phones.Select(p => p.ReceiveAsync(stop.Token)).ToList();

        // Warm-up: until both phones of a call have sent, the relay has nowhere to send (it latches to each phone's
        // first packet, as it would to a phone behind NAT). Those packets are not counted.
        SendFrames(phones, WarmUpFrames, firstSequence: 0);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        phones.ForEach(p => p.ResetCounters());
        var cpuBefore = relay.TotalProcessorTime;
        var kernelBefore = relay.PrivilegedProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var frames = (int)(TimeSpan.FromSeconds(options.Seconds) / s_frame);
        SendFrames(phones, frames, firstSequence: WarmUpFrames);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await Task.Delay(TimeSpan.FromSeconds(1));
        relay.Refresh();
        var cpu = relay.TotalProcessorTime - cpuBefore;
        var kernel = relay.PrivilegedProcessorTime - kernelBefore;
        await stop.CancelAsync();
        await Task.WhenAll(receivers);
        relay.StandardInput.Close();
        await relay.WaitForExitAsync();

        Report(options, phones, frames, elapsed, cpu, kernel);
        phones.ForEach(p => p.Dispose());
        return 0;
    }

    private static Process StartRelay(LoadOptions options)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (!Environment.ProcessPath!.EndsWith("Inbox.RelayLoad", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(LoadRole).Assembly.Location);
        }

        if (options.InlineCompletions)
        {
            start.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1";
        }

        foreach (var argument in (string[])["--relay", "--calls", options.Calls.ToString(CultureInfo.InvariantCulture), "--first-port", options.FirstPort.ToString(CultureInfo.InvariantCulture),
            "--engine", options.Engine, "--workers", options.Workers.ToString(CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    // One paced loop: every 20 ms each phone sends its next packet, the phones spread over the frame in slices.
    private static void SendFrames(List<Phone> phones, int frames, int firstSequence)
    {
        var packet = new byte[PacketLength];
        var next = Stopwatch.GetTimestamp();
        var sliceTicks = (long)(s_frame.TotalSeconds * Stopwatch.Frequency / SlicesPerFrame);
        var perSlice = (phones.Count + SlicesPerFrame - 1) / SlicesPerFrame;
        for (var frame = 0; frame < frames; frame++)
        {
            for (var slice = 0; slice < SlicesPerFrame; slice++)
            {
                for (var i = slice * perSlice; i < Math.Min(phones.Count, (slice + 1) * perSlice); i++)
                {
                    phones[i].Send(packet, (ushort)(firstSequence + frame));
                }

                next += sliceTicks;
                var wait = next - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    Thread.Sleep(TimeSpan.FromSeconds((double)wait / Stopwatch.Frequency));
                }
            }
        }
    }

    private static void Report(LoadOptions options, List<Phone> phones, int frames, TimeSpan elapsed, TimeSpan cpu, TimeSpan kernel)
    {
        var sent = (long)frames * phones.Count;
        var received = phones.Sum(p => p.Received);
        var latencies = phones.SelectMany(p => p.LatenciesMicroseconds).Order().ToArray();
        double Percentile(double p) => latencies.Length == 0 ? double.NaN : latencies[(int)Math.Min(latencies.Length - 1, p * latencies.Length)];
        var loss = sent == 0 ? 0 : 100.0 * (sent - received) / sent;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calls={options.Calls} engine={options.Engine} inline={options.InlineCompletions} seconds={elapsed.TotalSeconds:F1} packets={sent} received={received} loss={loss:F3}% " +
            $"latency_p50={Percentile(0.50):F0}us latency_p99={Percentile(0.99):F0}us " +
            $"relay_cpu={cpu.TotalSeconds:F2}s ({100 * cpu.TotalSeconds / elapsed.TotalSeconds:F0}% of one core) " +
            $"cpu_per_call={1e6 * cpu.TotalSeconds / elapsed.TotalSeconds / options.Calls:F1}us/s " +
            $"cpu_per_packet={1e6 * cpu.TotalSeconds / (sent == 0 ? 1 : sent):F2}us kernel_share={100 * kernel.TotalSeconds / Math.Max(1e-9, cpu.TotalSeconds):F0}%"));
    }
}
