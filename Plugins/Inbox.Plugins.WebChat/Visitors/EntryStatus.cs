namespace Inbox.Plugins.WebChat.Visitors;

/// <summary>How far an agent's message has got to the visitor; it only moves forward.</summary>
internal enum EntryStatus
{
    /// <summary>Waiting for her widget to take it (she may be away).</summary>
    Pending,

    /// <summary>Her widget acknowledged it.</summary>
    Delivered,

    /// <summary>Her widget showed it while she was looking.</summary>
    Read,
}
