using System.Collections.Immutable;

namespace Inbox.Interactions.Calls;

/// <summary>
/// A telephony interaction's live call as the agent's UI sees it. Built by call control, carried by
/// <see cref="Events.CallChanged"/> and the Calls API; never stored (the interaction is).
/// </summary>
internal sealed record CallView(
    string InteractionId,
    CallState State,
    bool Muted,
    bool OnHold,
    bool HeldByPhone,
    bool Recording,
    ImmutableArray<CallLegView> Legs,
    DateTimeOffset StartedAt,
    DateTimeOffset? ConnectedAt)
{
    /// <summary>The agent paused the recording: both sides are recorded as silence until she resumes it.</summary>
    public bool RecordingPaused { get; init; }

    /// <summary>The park slot the customer waits in, while <see cref="CallState.Parked"/>.</summary>
    public int? ParkSlot { get; init; }

    /// <summary>Everybody on the call once the agent added someone (a conference); empty for a two-party call.</summary>
    public ImmutableArray<CallParticipantView> Participants { get; init; } = [];
}

/// <summary>Where a call is in its life.</summary>
internal enum CallState
{
    Ringing,
    Queued,
    Connected,
    OnHold,
    Parked,

    /// <summary>A transfer is under way: the customer hears hold music while the target's phone rings.</summary>
    Transferring,

    /// <summary>The target of an attended transfer answered: she and the agent talk, the customer still on hold.</summary>
    Consulting,
    Ended,
}

/// <summary>Who a leg of the call is.</summary>
internal enum CallLegRole
{
    Customer,
    Agent,

    /// <summary>The phone of the agent a transfer goes to, while it rings or consults.</summary>
    TransferTarget,

    /// <summary>Someone the agent added to the call (a conference); only in the stored <see cref="CallQualitySummary"/>.</summary>
    Participant,
}

/// <summary>One SIP leg of a call: who, the codec it negotiated (null while ringing) and its latest quality.</summary>
internal sealed record CallLegView(string Id, CallLegRole Role, string Address, string? AgentId, string? Codec, LegQuality? Quality);

/// <summary>The E-model score of what the server receives from a leg, with what went into it.</summary>
internal sealed record LegQuality(double Mos, QualityBand Band, double LossPercent, double JitterMs, double RoundTripMs);

/// <summary>Green, orange or red: the MOS against the configured thresholds.</summary>
internal enum QualityBand
{
    Green,
    Orange,
    Red,
}

/// <summary>What a <see cref="Events.CallChanged"/> reports.</summary>
internal enum CallChange
{
    /// <summary>The call's state: connected, muted, on hold, ended...</summary>
    State,

    /// <summary>A leg's SIP progress: ringing, answered, failed.</summary>
    Progress,

    /// <summary>The legs were scored again.</summary>
    Quality,
}
