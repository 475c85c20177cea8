namespace Inbox.Contracts.Channels;

/// <summary>The agent is typing in an interaction: for <see cref="IChannelPlugin.SendTypingAsync"/>.</summary>
/// <param name="CustomerAddress">Whom to show it to, as the channel addresses her.</param>
public sealed record AgentTyping(string InteractionId, string CustomerAddress);
