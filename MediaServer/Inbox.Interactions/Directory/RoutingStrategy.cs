namespace Inbox.Interactions.Directory;

/// <summary>How the next available agent is chosen for a pending interaction.</summary>
internal enum RoutingStrategy
{
    /// <summary>The agent free for the longest time.</summary>
    LongestIdle,

    /// <summary>The agent with the fewest interactions in hand, then the longest idle.</summary>
    FewestInteractions,
}
