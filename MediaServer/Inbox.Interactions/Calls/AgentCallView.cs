namespace Inbox.Interactions.Calls;

/// <summary>
/// A call between two agents (from the team list): internal, so no interaction, no campaign and no recording. Built by
/// call control and streamed to both agents as <see cref="Events.AgentCallChanged"/>; never stored.
/// </summary>
internal sealed record AgentCallView(
    string CallId,
    string CallerAgentId,
    string CalleeAgentId,
    AgentCallState State,
    DateTimeOffset StartedAt,
    DateTimeOffset? ConnectedAt)
{
    /// <summary>The latest score of what the server receives from the caller's phone; null until it has been scored.</summary>
    public LegQuality? CallerQuality { get; init; }

    /// <summary>The latest score of what the server receives from the callee's phone; null until it has been scored.</summary>
    public LegQuality? CalleeQuality { get; init; }
}

/// <summary>Where an agent-to-agent call is: the caller's own phone rings first, then the callee's.</summary>
internal enum AgentCallState
{
    /// <summary>The caller's phone rings (it answers itself where it honours the auto-answer hint).</summary>
    CallingCaller,

    /// <summary>The caller's phone answered: she hears ringback while the callee's phones ring.</summary>
    RingingCallee,

    Connected,
    Ended,
}
