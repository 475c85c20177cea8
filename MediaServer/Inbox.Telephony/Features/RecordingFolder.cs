using System.Buffers;
using System.Globalization;

namespace Inbox.Telephony.Features;

/// <summary>
/// Where call recordings go: <c>recordings/&lt;yyyy-MM-dd&gt;/&lt;interaction id&gt;.wav</c> under the server's data
/// folder (UTC date). The host registers it with its data folder; interactions keep the path relative to that folder.
/// </summary>
internal sealed class RecordingFolder(string dataDirectory)
{
    private static readonly SearchValues<char> s_unsafe = SearchValues.Create([.. Path.GetInvalidFileNameChars(), '/', '\\']);

    public string DataDirectory { get; } = Path.GetFullPath(dataDirectory);

    /// <summary>The path to store on the interaction, with '/' separators whatever the OS.</summary>
    public static string RelativePath(string interactionId, DateTimeOffset now)
    {
        // Ids come from the engine; a name that could leave the folder is a bug, never a recording.
        if (interactionId.Length == 0 || interactionId.AsSpan().IndexOfAny(s_unsafe) >= 0 || interactionId.StartsWith('.'))
        {
            throw new ArgumentException($"'{interactionId}' cannot name a recording file.", nameof(interactionId));
        }

        return string.Create(CultureInfo.InvariantCulture, $"recordings/{now.UtcDateTime:yyyy-MM-dd}/{interactionId}.wav");
    }

    public string FullPath(string relativePath) => Path.Combine(DataDirectory, relativePath.Replace('/', Path.DirectorySeparatorChar));
}
