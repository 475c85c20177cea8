using Inbox.Interactions.Chats;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Storage;

/// <summary>What one command changed: every record is written whole (insert or replace by id).</summary>
internal sealed class InboxChanges
{
    public List<Interaction> Interactions { get; } = [];

    public List<Message> Messages { get; } = [];

    public List<Chat> Chats { get; } = [];

    public List<ChatMessage> ChatMessages { get; } = [];

    /// <summary>Delivery reports to keep until their message's provider id is stored.</summary>
    public List<EarlyStatusReport> EarlyReports { get; } = [];

    /// <summary>Ids of kept reports that have now been applied, to delete.</summary>
    public List<string> AppliedEarlyReports { get; } = [];

    /// <summary>Kept reports received before this instant are deleted: no send result is coming for them any more.</summary>
    public DateTimeOffset? ExpireEarlyReportsBefore { get; set; }

    public bool IsEmpty =>
        Interactions.Count == 0 && Messages.Count == 0 && Chats.Count == 0 && ChatMessages.Count == 0
        && EarlyReports.Count == 0 && AppliedEarlyReports.Count == 0 && ExpireEarlyReportsBefore is null;
}
