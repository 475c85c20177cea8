namespace Inbox.Interactions.Agents;

/// <summary>Why an API session ended, so a UI can tell "you signed out" from "you signed in elsewhere".</summary>
internal enum SessionEndCause
{
    /// <summary>The agent signed out.</summary>
    SignedOut,

    /// <summary>The agent signed in again, from another place; the newer session replaced this one.</summary>
    SignedInElsewhere,

    /// <summary>A supervisor signed the agent out (she left her desk signed in, say).</summary>
    SignedOutBySupervisor,
}
