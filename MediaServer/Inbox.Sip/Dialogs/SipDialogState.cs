namespace Inbox.Sip.Dialogs;

/// <summary>Dialog states (RFC 3261 §12): created early by a 1xx, confirmed by a 2xx, then terminated.</summary>
internal enum SipDialogState : byte
{
    Early,
    Confirmed,
    Terminated,
}
