namespace Inbox.Telephony.Legs;

/// <summary>Where the call to an agent's phone(s) is.</summary>
internal enum OutgoingLegState
{
    /// <summary>INVITEs out to her phones; the caller still hears hold music.</summary>
    Ringing,

    /// <summary>A phone answered (ACK sent); the inbox is recording that she accepted the offer.</summary>
    Answered,

    /// <summary>The two legs' media are connected.</summary>
    Bridged,

    /// <summary>Cancelled, declined, failed or hung up; waiting only for the forks' last responses before its ports go back.</summary>
    Ended,
}
