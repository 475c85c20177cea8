using System.Collections.Immutable;

namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>A visitor as stored in her file: who she said she is and her recent conversation. Immutable.</summary>
/// <param name="TokenHash">SHA-256 of her session token, hex: the token itself is never stored.</param>
/// <param name="LastSeq">The number of the last entry ever added; entries dropped from the history keep theirs.</param>
internal sealed record VisitorRecord(
    string Id, string TokenHash, string? Name, string? Email, string? Phone, string? Page, long LastSeq, ImmutableList<ConversationEntry> History)
{
    /// <summary>Adds an entry numbered after the last, dropping the oldest beyond <paramref name="historyLength"/>.</summary>
    public VisitorRecord Append(Func<long, ConversationEntry> entry, int historyLength, out ConversationEntry added)
    {
        added = entry(LastSeq + 1);
        var history = History.Add(added);
        return this with { LastSeq = added.Seq, History = history.Count > historyLength ? history.RemoveRange(0, history.Count - historyLength) : history };
    }

    /// <summary>The client info shown to the agent: what she gave, by name.</summary>
    public IReadOnlyDictionary<string, string> ClientInfo()
    {
        var info = new Dictionary<string, string>(StringComparer.Ordinal);
        AddIf(info, "email", Email);
        AddIf(info, "phone", Phone);
        AddIf(info, "page", Page);
        return info;
    }

    private static void AddIf(Dictionary<string, string> info, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            info[key] = value;
        }
    }
}
