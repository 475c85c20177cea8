namespace Inbox.Telephony.Legs;

/// <summary>Where an inbound call is in its life.</summary>
internal enum InboundCallState
{
    /// <summary>180 sent; the inbox is filing the pending interaction.</summary>
    Ringing,

    /// <summary>200 sent; waiting for the ACK while the caller already hears hold music.</summary>
    Answered,

    /// <summary>ACK received: queued, hearing hold music.</summary>
    Confirmed,

    /// <summary>Hung up, cancelled or failed; media released.</summary>
    Ended,
}
