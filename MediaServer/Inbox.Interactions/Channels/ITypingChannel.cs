using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Channels;

/// <summary>
/// An optional capability of a channel (detected with <c>is</c>) that can show the customer the agent is typing. The
/// engine calls it only when <see cref="ChannelCapabilities.ShowsAgentTyping"/> is true, outside its gate and at most
/// once per <see cref="Engine.TypingThrottle.Window"/> per interaction. Best effort: implementations must not throw.
/// </summary>
internal interface ITypingChannel
{
    /// <summary>The agent of <paramref name="interaction"/> is typing; nothing is stored.</summary>
    Task ShowTypingAsync(Interaction interaction, CancellationToken cancellationToken);
}
