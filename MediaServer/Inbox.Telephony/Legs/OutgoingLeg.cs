using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;

namespace Inbox.Telephony.Legs;

/// <summary>
/// The server's call to an agent's phone(s) for one offer: one Call-ID and From tag for all forks, one SDP offer, and
/// once a phone answers its dialog and media. Not thread-safe: touched only on the executor of the caller's Call-ID.
/// </summary>
internal sealed class OutgoingLeg(string callId, string localTag, string agentId, string interactionId, MediaOffer? offer)
{
    public string CallId { get; } = callId;

    public string LocalTag { get; } = localTag;

    public string AgentId { get; } = agentId;

    /// <summary>The interaction the leg serves; a consult leg a phone's REFER with Replaces moves into a customer's call takes that call's.</summary>
    public string InteractionId { get; set; } = interactionId;

    /// <summary>Our SDP offer to her phones; null for a call her phone placed itself (its INVITE brought the offer).</summary>
    public MediaOffer? Offer { get; } = offer;

    public List<OutgoingFork> Forks { get; } = [];

    /// <summary>Her phone placed this call through the server: its INVITE is the leg's, and our 200 answered it.</summary>
    public bool PlacedByPhone { get; init; }

    /// <summary>The phone's extension once one answered: the user we rang or, for a call her phone placed, the user it called from.</summary>
    public string? Extension => PlacedByPhone ? Winner?.Invite.From.Uri.User : Winner?.Invite.RequestUri.User;

    public OutgoingLegState State { get; set; } = OutgoingLegState.Ringing;

    /// <summary>The fork whose phone answered first.</summary>
    public OutgoingFork? Winner { get; set; }

    public SipDialog? Dialog { get; set; }

    /// <summary>Our ACK for the winner's 2xx, resent when the 2xx is (RFC 3261 §13.2.2.4).</summary>
    public SipRequest? Ack { get; set; }

    public MediaLeg? Media { get; set; }

    /// <summary>The phone's session once answered: its re-INVITEs and the session timer.</summary>
    public LegSession? Session { get; set; }

    /// <summary>A phone has sent 180 or 183: the agent has been told it rings.</summary>
    public bool Alerting { get; set; }

    /// <summary>
    /// The inbox has her as the interaction's agent (she accepted the offer, or took the call from the queue): a
    /// hang-up finalizes rather than abandons.
    /// </summary>
    public bool Accepted { get; set; }

    /// <summary>The last final status of a failed fork, to tell a decline from a failure.</summary>
    public int LastStatus { get; set; }

    /// <summary>True once every fork has its final response: the ports can go back.</summary>
    public bool AllForksDone => Forks.TrueForAll(f => f.Done);
}
