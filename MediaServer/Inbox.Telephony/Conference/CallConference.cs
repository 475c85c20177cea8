using Inbox.Media.Bridging;
using Inbox.Telephony.Legs;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Conference;

/// <summary>
/// A call that became (or is becoming) a conference: the participants the agent added, and once the first of them
/// answered the mix with the customer's and the agent's places in it. When the last participant leaves the customer
/// and her agent, the conference is over and the two go back to their bridge. Touched only on the call's executor.
/// </summary>
internal sealed class CallConference
{
    public List<ConferenceParticipant> Added { get; } = [];

    /// <summary>Everybody's audio, from the first answer on; null while the added legs only ring.</summary>
    public ConferenceMix? Mix { get; set; }

    /// <summary>The customer's leg front (her bridge's), which keeps its taps when her packets go to the mix.</summary>
    public LegFront? CustomerFront { get; set; }

    public ConferenceMember? CustomerMember { get; set; }

    /// <summary>The owning agent's leg front and place in the mix, until she leaves.</summary>
    public LegFront? AgentFront { get; set; }

    public ConferenceMember? AgentMember { get; set; }

    public ConferenceParticipant? Find(OutgoingLeg phone) => Added.Find(p => ReferenceEquals(p.Phone, phone));

    public ConferenceParticipant? Find(TrunkLeg line) => Added.Find(p => ReferenceEquals(p.Line, line));

    public ConferenceParticipant? Find(string participantId) => Added.Find(p => p.Id == participantId);
}
