using Inbox.Contracts.Channels;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Interactions;
using Domain = Inbox.Interactions.Channels;

namespace Inbox.MediaServer.Plugins;

/// <summary>A started plugin as the inbox sees a channel: sends go to the plugin, and whatever it throws concerns only that message.</summary>
internal sealed class PluginChannel(string id, IChannelPlugin plugin, Domain.ChannelKind kind, Domain.ChannelCapabilities capabilities, ILogger logger)
    : IInteractionChannel, ITypingChannel
{
    // A typing signal is stale by the time the next one may go (TypingThrottle.Window): waiting longer helps nobody.
    private static readonly TimeSpan s_typingTimeout = TimeSpan.FromSeconds(5);

    public string Id { get; } = id;

    public Domain.ChannelKind Kind { get; } = kind;

    public Domain.ChannelCapabilities Capabilities { get; } = capabilities;

    public async Task<ChannelSendResult> SendAsync(Domain.OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return (await plugin.SendAsync(message.ToContract(), cancellationToken).ConfigureAwait(false)).ToDomain();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            PluginLog.SendThrew(logger, Id, message.Message.Id, e);
            // A network failure or a timeout is tried again later; anything else fails the message with the reason.
            return ChannelSendResult.Failed("plugin_error", $"The {Kind} channel failed: {e.Message}") with { Retryable = TransientFailures.IsTransient(e) };
        }
    }

    /// <summary>Best effort: a plugin that fails or hangs is logged and the agent is not told, as there is nothing to retry.</summary>
    public async Task ShowTypingAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_typingTimeout);
        try
        {
            // WaitAsync too: a plugin that ignores the token must not hold the agent's call.
            await plugin.SendTypingAsync(new AgentTyping(interaction.Id, interaction.CustomerAddress), timeout.Token)
                .WaitAsync(s_typingTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            PluginLog.TypingFailed(logger, Id, interaction.Id, e);
        }
    }
}
