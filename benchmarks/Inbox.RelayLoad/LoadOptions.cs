using System.Globalization;

namespace Inbox.RelayLoad;

/// <summary>
/// Command-line settings: <c>--calls N --seconds S --first-port P [--inline-completions] [--engine async|batched|ring]
/// [--workers W]</c>. Inline completions run the relay with .NET's socket continuations inline on the epoll
/// thread instead of hopping to the thread pool. The engine is how the relay receives: <c>async</c> (default) runs
/// <c>RtpSession.RunAsync</c> per session, <c>batched</c> attaches every session to one <c>RtpReceiveEngine</c>
/// (epoll + recvmmsg, Linux), <c>ring</c> to one <c>RtpRingEngine</c> (io_uring, Linux 6.0; falls back to batched
/// where io_uring is unavailable), each with W workers (0, the default, is one per processor).
/// </summary>
internal sealed record LoadOptions(int Calls, int Seconds, int FirstPort, bool InlineCompletions, string Engine, int Workers)
{
    public static LoadOptions Parse(string[] args) => new(
        Read(args, "--calls", 100),
        Read(args, "--seconds", 10),
        // Below Linux's ephemeral range (32768-60999), where the phones' own ports are: 20000 + 4N stays clear to 3,000 calls.
        Read(args, "--first-port", 20000),
        args.Contains("--inline-completions"),
        ReadText(args, "--engine", "async") switch
        {
            var engine when engine is "async" or "batched" or "ring" => engine,
            var other => throw new ArgumentException($"Unknown engine '{other}': use async, batched or ring."),
        },
        Read(args, "--workers", 0));

    private static string ReadText(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }

    private static int Read(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
