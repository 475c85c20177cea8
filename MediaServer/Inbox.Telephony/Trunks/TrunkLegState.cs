namespace Inbox.Telephony.Trunks;

/// <summary>Where a call through a trunk is.</summary>
internal enum TrunkLegState
{
    /// <summary>The INVITE is out (or its destination is being resolved); no ringing yet.</summary>
    Calling,

    /// <summary>180 or 183 without SDP: the customer's phone rings; the agent hears our ringback.</summary>
    Ringing,

    /// <summary>A provisional response carried SDP: the far end's own tones or announcements flow.</summary>
    EarlyMedia,

    /// <summary>2xx, ACK sent: the customer is on the line.</summary>
    Answered,

    /// <summary>Failed, cancelled or hung up; see <see cref="TrunkLeg.EndReason"/>.</summary>
    Ended,
}
