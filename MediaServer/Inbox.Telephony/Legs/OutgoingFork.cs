using Inbox.Sip.Messages;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;

namespace Inbox.Telephony.Legs;

/// <summary>The INVITE to one of the agent's phones (a parallel fork, RFC 3261 §16.7 done by the B2BUA itself).</summary>
internal sealed class OutgoingFork(SipRequest invite, SipEndPoint destination)
{
    /// <summary>The INVITE in force: sent again with a larger Session-Expires after a 422 (RFC 4028 §7.3).</summary>
    public SipRequest Invite { get; set; } = invite;

    public SipEndPoint Destination { get; } = destination;

    public SipClientTransaction? Transaction { get; set; }

    /// <summary>A provisional response came: a CANCEL may be sent now (RFC 3261 §9.1).</summary>
    public bool Proceeding { get; set; }

    /// <summary>We want it cancelled; sent at once when proceeding, else on the first provisional.</summary>
    public bool CancelWanted { get; set; }

    public bool CancelSent { get; set; }

    /// <summary>Its final response (or timeout) came.</summary>
    public bool Done { get; set; }
}
