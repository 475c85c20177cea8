using System.Globalization;

namespace Inbox.RelayLoad;

/// <summary>
/// Command-line settings: <c>--calls N --seconds S --first-port P [--inline-completions]</c>. The last runs the
/// relay with .NET's socket continuations inline on the epoll thread instead of hopping to the thread pool.
/// </summary>
internal sealed record LoadOptions(int Calls, int Seconds, int FirstPort, bool InlineCompletions)
{
    public static LoadOptions Parse(string[] args) => new(
        Read(args, "--calls", 100),
        Read(args, "--seconds", 10),
        Read(args, "--first-port", 30000),
        args.Contains("--inline-completions"));

    private static int Read(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
