using Inbox.Interactions.Calls;
using Inbox.Media.Bridging;
using Inbox.Telephony.Legs;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Conference;

/// <summary>
/// Someone the agent added to her call: another agent's phone (<see cref="Phone"/>) or a number dialled through the
/// campaign's trunk (<see cref="Line"/>), ringing until answered, then mixed; or a supervisor who whispers or barged
/// in from listening. Touched only on the call's executor.
/// </summary>
internal sealed class ConferenceParticipant
{
    private ConferenceParticipant(string id, ParticipantKind kind, string display)
    {
        Id = id;
        Kind = kind;
        Display = display;
    }

    /// <summary>The leg's Call-ID: the id the Calls API removes it by.</summary>
    public string Id { get; }

    public ParticipantKind Kind { get; }

    /// <summary>What the UI shows: the agent's id, or the number as the agent typed it (normalised).</summary>
    public string Display { get; }

    /// <summary>The call to an agent's phone(s); null for a number.</summary>
    public OutgoingLeg? Phone { get; private init; }

    /// <summary>The call through the trunk; null for an agent.</summary>
    public TrunkLeg? Line { get; private init; }

    /// <summary>A supervisor's phone, answered to listen in: she may go back to listening, and is told when she leaves.</summary>
    public bool IsSupervisor { get; private init; }

    /// <summary>The participant's place in the mix, once answered.</summary>
    public ConferenceMember? Member { get; set; }

    public MediaLeg? Media => Phone?.Media ?? Line?.Media;

    public static ConferenceParticipant ForAgent(OutgoingLeg phone) =>
        new(phone.CallId, ParticipantKind.Agent, phone.AgentId) { Phone = phone };

    public static ConferenceParticipant ForSupervisor(OutgoingLeg phone) =>
        new(phone.CallId, ParticipantKind.Agent, phone.AgentId) { Phone = phone, IsSupervisor = true };

    public static ConferenceParticipant ForNumber(TrunkLeg line) =>
        new(line.CallId, ParticipantKind.External, line.Route.Number) { Line = line };
}
