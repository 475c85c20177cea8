using System.Globalization;

namespace Inbox.RelayLoad;

/// <summary>
/// Command-line settings: <c>--calls N --seconds S --first-port P [--inline-completions] [--engine async|batched]
/// [--workers W]</c>. Inline completions run the relay with .NET's socket continuations inline on the epoll thread
/// instead of hopping to the thread pool. The engine is how the relay receives: <c>async</c> (default) runs
/// <c>RtpSession.RunAsync</c> per session, <c>batched</c> attaches every session to one <c>RtpReceiveEngine</c>
/// (epoll + recvmmsg, Linux) with W workers (0, the default, is one per processor).
/// </summary>
internal sealed record LoadOptions(int Calls, int Seconds, int FirstPort, bool InlineCompletions, bool Batched, int Workers)
{
    public static LoadOptions Parse(string[] args) => new(
        Read(args, "--calls", 100),
        Read(args, "--seconds", 10),
        Read(args, "--first-port", 30000),
        args.Contains("--inline-completions"),
        ReadText(args, "--engine", "async") switch
        {
            "async" => false,
            "batched" => true,
            var other => throw new ArgumentException($"Unknown engine '{other}': use async or batched."),
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
