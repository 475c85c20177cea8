namespace Inbox.Interactions.Agents;

/// <summary>What the server derives from her presence and her work: whether routing may offer her anything.</summary>
internal enum AgentActivity
{
    /// <summary>Not signed in.</summary>
    Offline,

    /// <summary>Available with nothing in hand.</summary>
    Idle,

    /// <summary>An offer waits for her answer.</summary>
    Offered,

    /// <summary>Working one or more interactions.</summary>
    Busy,

    /// <summary>Finishing after an interaction, until a deadline or until she closes it.</summary>
    WrapUp,

    /// <summary>She let an offer lapse; no more offers until she sets her presence again.</summary>
    NotResponding,

    /// <summary>Signed in but paused or unavailable.</summary>
    NotReady,
}
