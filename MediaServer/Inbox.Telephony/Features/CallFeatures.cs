using System.Collections.Immutable;
using Inbox.Interactions.Calls;
using Inbox.Media.Bridging;
using Inbox.Media.Sessions;

namespace Inbox.Telephony.Features;

/// <summary>
/// What a call has beyond its bridge, from its first bridge to its end: the keypads (RFC 4733 senders into each leg,
/// made on first use so a call without digits puts nothing on the media clock), each side's quality over the call (and
/// each added participant's), and the recording. The agent's side follows the bridge: it is attached when an agent is
/// bridged and detached when she leaves without ending the call (park). Made by <see cref="CallFeatureFactory"/>;
/// touched only on the call's executor.
/// </summary>
internal sealed class CallFeatures(RtpSession customer)
{
    public RtpSession CustomerSession { get; } = customer;

    /// <summary>The bridged agent's session, whose windows go to <see cref="AgentQuality"/>; null while no agent is bridged.</summary>
    public RtpSession? AgentSession { get; set; }

    /// <summary>Digits to the customer as telephone events, from the first one sent (<see cref="CallFeatureFactory.Keypad"/>).</summary>
    public DtmfInjector? CustomerKeypad { get; set; }

    /// <summary>The customer's digits regenerated toward the bridged agent's phone, from the first one pressed.</summary>
    public DtmfInjector? AgentKeypad { get; set; }

    public LegQualityTally CustomerQuality { get; } = new(CallLegRole.Customer);

    /// <summary>What the server received from the agents' phones, whoever was bridged.</summary>
    public LegQualityTally AgentQuality { get; } = new(CallLegRole.Agent);

    /// <summary>What the server received from each participant the agent added, in the order they were first scored.</summary>
    public List<(string ParticipantId, LegQualityTally Tally)> ParticipantQuality { get; } = [];

    public CallRecording? Recording { get; init; }

    /// <summary>The recording's path is stored on the interaction: the call shows as recorded.</summary>
    public bool RecordingFiled { get; set; }

    /// <summary>
    /// The agent paused the recording (the customer is about to give card details): both sides go in as silence until
    /// she resumes it. Kept for the call, whoever has it next, so a transfer never starts recording what was paused.
    /// </summary>
    public bool RecordingPaused { get; set; }

    /// <summary>Applies the call's state to the recording: the muted agent's side, or both on hold or paused, as silence.</summary>
    public void Apply(bool muted, bool onHold) =>
        Recording?.Silence(agent: muted || onHold || RecordingPaused, customer: onHold || RecordingPaused);

    /// <summary>The participant's tally, started at her first window.</summary>
    public LegQualityTally ParticipantTally(string participantId, string display)
    {
        foreach (var (id, tally) in ParticipantQuality)
        {
            if (id == participantId)
            {
                return tally;
            }
        }

        var added = new LegQualityTally(CallLegRole.Participant, display);
        ParticipantQuality.Add((participantId, added));
        return added;
    }

    /// <summary>The customer's, the agent's and then each participant's summary; null when none was scored.</summary>
    public CallQualitySummary? QualitySummary()
    {
        var legs = ImmutableArray.CreateBuilder<LegQualitySummary>(2 + ParticipantQuality.Count);
        AddSummary(legs, CustomerQuality);
        AddSummary(legs, AgentQuality);
        foreach (var (_, tally) in ParticipantQuality)
        {
            AddSummary(legs, tally);
        }

        return legs.Count == 0 ? null : new CallQualitySummary(legs.ToImmutable());
    }

    private static void AddSummary(ImmutableArray<LegQualitySummary>.Builder legs, LegQualityTally tally)
    {
        if (tally.Summary() is { } summary)
        {
            legs.Add(summary);
        }
    }
}
