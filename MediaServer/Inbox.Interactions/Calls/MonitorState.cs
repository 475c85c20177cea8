namespace Inbox.Interactions.Calls;

/// <summary>Where a supervisor's listening in on a call stands, as only she is told (<see cref="Events.MonitorChanged"/>).</summary>
internal enum MonitorState
{
    /// <summary>Her phone rings (it answers itself where it honours the auto-answer hint).</summary>
    Ringing,

    /// <summary>She hears the customer and the agent; neither hears her.</summary>
    Listening,

    /// <summary>She talks to the agent alone, as a conference participant.</summary>
    Whispering,

    /// <summary>She barged in: a conference participant everybody hears; the call's own events tell the rest.</summary>
    Joined,

    /// <summary>She no longer listens; the detail says why.</summary>
    Ended,
}
