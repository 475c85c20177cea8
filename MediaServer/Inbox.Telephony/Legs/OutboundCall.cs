using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A call an agent places ("New" on telephony): her phone first, then the customer through the campaign's trunk.
/// Owned by the agent leg's Call-ID, which the interaction's client info names. Not thread-safe: touched only on
/// that Call-ID's executor.
/// </summary>
internal sealed class OutboundCall(string callId, string campaignId, string interactionId, string agentId, OutboundRoute route)
    : TelephonyCall(campaignId)
{
    public override string CallId => callId;

    public override MediaLeg? CustomerMedia => Customer?.Media;

    public override string CustomerAddress => Route.Number;

    public override string CustomerLegId => Customer?.CallId ?? string.Empty;

    public override bool IsEnded => State == OutboundCallState.Ended;

    public override (string User, string? Name) ShownToPhones => (Route.Number, Route.Number);

    public string AgentId { get; } = agentId;

    /// <summary>The interaction the call was started as; <see cref="TelephonyCall.InteractionId"/> clears once it is ended.</summary>
    public string StartedAs { get; } = interactionId;

    public OutboundRoute Route { get; } = route;

    public OutboundCallState State { get; set; } = OutboundCallState.RingingAgent;

    /// <summary>The call through the trunk, once her phone answered.</summary>
    public TrunkLeg? Customer { get; set; }

    /// <summary>The line's early media to her (one way) while it rings; becomes the bridge on answer.</summary>
    public CallBridge? EarlyMedia { get; set; }
}
