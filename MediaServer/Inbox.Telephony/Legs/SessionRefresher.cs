namespace Inbox.Telephony.Legs;

/// <summary>Which side of a dialog refreshes the session (RFC 4028 §4 <c>refresher</c>), named by its role in the dialog-creating INVITE.</summary>
internal enum SessionRefresher
{
    /// <summary>The side that sent the INVITE.</summary>
    Uac,

    /// <summary>The side that answered it.</summary>
    Uas,
}
