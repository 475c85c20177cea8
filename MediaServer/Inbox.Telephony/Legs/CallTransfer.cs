using Inbox.Interactions.Interactions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A transfer of a call while it is under way: the target's phone ringing or consulting, the consult's media, and the
/// REFER that asked for it, if a phone did. Touched only on the call's executor.
/// </summary>
internal sealed class CallTransfer(TransferMode mode)
{
    public TransferMode Mode { get; set; } = mode;

    /// <summary>The inbox has stored the transfer (a REFER's transfer is set up before the inbox answers).</summary>
    public bool Started { get; set; }

    /// <summary>The call to the target's phone(s), while it rings or consults.</summary>
    public OutgoingLeg? Target { get; set; }

    /// <summary>The call to the number of a transfer to one outside, while it rings or consults.</summary>
    public Trunks.TrunkLeg? External { get; set; }

    /// <summary>The agent and the answered target talking (attended), the customer on hold.</summary>
    public CallBridge? Consult { get; set; }

    /// <summary>The agent's phone asked for this transfer with REFER: its progress goes back as NOTIFY.</summary>
    public ReferSubscription? Refer { get; set; }
}
