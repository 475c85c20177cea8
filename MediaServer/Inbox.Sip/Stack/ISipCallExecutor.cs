namespace Inbox.Sip.Stack;

/// <summary>
/// Runs work on the serial executor that owns a Call-ID, so call control can come back to its call's executor after
/// an await (storage, the inbox) and keep the call's state free of locks.
/// </summary>
internal interface ISipCallExecutor
{
    /// <summary>Queues <paramref name="work"/> behind the call's messages; false when that executor is overloaded.</summary>
    bool TryPost(string callId, Action work);
}
