using Inbox.Telephony.Conference;

namespace Inbox.Telephony.Legs;

/// <summary>
/// A call as the inbox knows it: one telephony interaction, its customer's leg, the agent's phone leg and the bridge
/// between them, with what the agent asked of it (mute, hold). Derived by direction: <see cref="InboundCall"/> when
/// the customer called in, <see cref="OutboundCall"/> when the agent called her. Not thread-safe: touched only on the SIP executor that owns <see cref="CallId"/>.
/// </summary>
internal abstract class TelephonyCall(string campaignId)
{
    /// <summary>The Call-ID that owns the call: its executor runs all of the call's work, and the interaction keeps it.</summary>
    public abstract string CallId { get; }

    /// <summary>
    /// The campaign the call is worked in: its number's, until its interaction moves to another campaign (overflow, a
    /// campaign transfer) and an agent there gets it. Parking, the recording's setting and REFER's trunks follow it.
    /// </summary>
    public string CampaignId { get; set; } = campaignId;

    /// <summary>The customer's audio leg; null while an outbound call to her has not been answered.</summary>
    public abstract MediaLeg? CustomerMedia { get; }

    /// <summary>The id of the customer's leg in the call's views: the Call-ID of her dialog with us.</summary>
    public virtual string CustomerLegId => CallId;

    /// <summary>The customer's number (or SIP user) as the agents' UIs show it.</summary>
    public abstract string CustomerAddress { get; }

    /// <summary>Who the INVITEs to agents' phones come from (the From user and display name), so their screens show the customer.</summary>
    public virtual (string User, string? Name) ShownToPhones => (CustomerAddress, null);

    /// <summary>True once the call is over: nothing else may be done with it.</summary>
    public abstract bool IsEnded { get; }

    /// <summary>The interaction, once the inbox has filed it.</summary>
    public string? InteractionId { get; set; }

    /// <summary>The call to the agent's phone(s), if any.</summary>
    public OutgoingLeg? Agent { get; set; }

    /// <summary>The media between the customer and the agent's phone, once both have answered.</summary>
    public CallBridge? Bridge { get; set; }

    /// <summary>The transfer under way, if any: the customer is on hold until it completes or returns.</summary>
    public CallTransfer? Transfer { get; set; }

    /// <summary>The participants the agent added and, once one answered, the mix of everybody (<c>CallHandler.Conference.cs</c>).</summary>
    public CallConference? Conference { get; set; }

    /// <summary>The supervisor listening in, if any (<c>CallHandler.Monitor.cs</c>).</summary>
    public CallMonitor? Monitor { get; set; }

    /// <summary>Keypads, quality and recording of the call once first bridged (<c>CallHandler.Features.cs</c>).</summary>
    public Features.CallFeatures? Features { get; set; }

    /// <summary>The agent muted herself: the customer hears silence instead of her.</summary>
    public bool Muted { get; set; }

    /// <summary>The agent put the customer on hold from her UI.</summary>
    public bool OnHold { get; set; }

    /// <summary>The agent's phone put the call on hold (re-INVITE with sendonly or inactive).</summary>
    public bool HeldByPhone { get; set; }

    /// <summary>When the call started, as the agents' UIs show it.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the customer was first connected to an agent.</summary>
    public DateTimeOffset? ConnectedAt { get; set; }

    /// <summary>The number the call was transferred to, talking to the customer through the server.</summary>
    public Trunks.TrunkLeg? TransferredTo { get; set; }

    /// <summary>The park slot the customer waits in, while parked.</summary>
    public Calls.ParkedCall? Parked { get; set; }

    /// <summary>Rings back the agent who parked the call when the park timeout passes.</summary>
    public ITimer? ParkTimer { get; set; }

    /// <summary>An agent is taking the call out of its park slot (the inbox is recording that it is hers).</summary>
    public bool Retrieving { get; set; }

    /// <summary>The agent a park ring-back is ringing; if she does not answer, the call is parked again.</summary>
    public string? RingingBack { get; set; }
}
