namespace Inbox.Contracts.Channels;

/// <summary>
/// A channel: it delivers what agents write and brings in what customers write. The host creates one instance per
/// plugin folder with its public parameterless constructor, calls <see cref="StartAsync"/> once, then
/// <see cref="SendAsync"/> as messages are written, and disposes it at shutdown.
/// </summary>
/// <remarks>
/// Exceptions are survivable: one thrown from <see cref="StartAsync"/> marks the channel failed (the server goes on
/// without it), one from <see cref="SendAsync"/> fails that message with the exception's message, unless it is a network
/// or I/O failure or a timeout, which is retried like a retryable failure. Prefer returning
/// <see cref="SendResult.Failed"/> with a code: the agent sees the reason, and a retryable failure is sent again.
/// </remarks>
public interface IChannelPlugin : IAsyncDisposable
{
    /// <summary>The settings it reads from <see cref="IChannelHost.Configuration"/>; the host checks required ones before start.</summary>
    IReadOnlyList<ChannelSetting> Settings { get; }

    /// <summary>What it can carry. Read after <see cref="StartAsync"/>, so it may depend on configuration.</summary>
    ChannelCapabilities Capabilities { get; }

    /// <summary>
    /// Connects to the provider and maps the webhooks it needs (<see cref="IChannelHost.MapWebhook"/>); inbound
    /// messages go to <see cref="IChannelHost.Sink"/> from then on. Runs once, before any send.
    /// </summary>
    Task StartAsync(IChannelHost host, CancellationToken cancellationToken);

    /// <summary>
    /// Delivers one message. Called again with the same <see cref="OutboundMessage.MessageId"/> after a retryable
    /// failure or a restart, so a provider that supports idempotency keys should be given it.
    /// </summary>
    Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Shows the customer that the agent is typing, for as long as the provider shows such a signal (a few seconds).
    /// Called only when <see cref="ChannelCapabilities.ShowsAgentTyping"/> is true, at most once every few seconds per
    /// interaction, never stored or replayed: a visitor who is not there now never sees it. Best effort: a failure is
    /// logged by the host and never reaches the agent, so there is nothing to retry. The default does nothing, so
    /// plugins written before it need no change.
    /// </summary>
    Task SendTypingAsync(AgentTyping typing, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Whether the provider can be reached now; shown in the server's health and channel list.</summary>
    Task<ChannelHealth> CheckHealthAsync(CancellationToken cancellationToken);
}
