using Inbox.Sip.Dialogs;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A REFER with Replaces under way (<c>CallHandler.ReferReplaces.cs</c>): the customer's call it came in, the transfer
/// that holds that call meanwhile (its REFER subscription carries the NOTIFYs), and the consult dialog the Replaces
/// names. Passed between the customer call's executor and the consult's; each reads only what is immutable here.
/// </summary>
internal sealed class ConsultHandoff(TelephonyCall call, CallTransfer transfer, string agentId, string interactionId, SipDialogId consult)
{
    public TelephonyCall Call { get; } = call;

    public CallTransfer Transfer { get; } = transfer;

    /// <summary>The referring agent: the consult must be hers.</summary>
    public string AgentId { get; } = agentId;

    public string InteractionId { get; } = interactionId;

    /// <summary>The consult dialog as the server holds it (RFC 3891 §3: to-tag local, from-tag remote).</summary>
    public SipDialogId Consult { get; } = consult;

    public ReferSubscription Refer => Transfer.Refer!;
}
