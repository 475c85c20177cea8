using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>The agent's typing, shown to the customer where the channel can; nothing of it is stored.</summary>
internal sealed partial class InboxEngine
{
    private readonly TypingThrottle _typing = new();

    /// <summary>
    /// She is typing in one of her interactions that takes messages now (active, or with a transfer pending, as for
    /// <see cref="SendMessageAsync"/>). Refused on a channel that does not show it (telephony, e-mail, SMS, or a plugin
    /// without <see cref="ChannelCapabilities.ShowsAgentTyping"/>), and outside the channel's messaging window. Calls within <see cref="TypingThrottle.Window"/> of
    /// the last one passed on are checked, then dropped. Returns once the channel has been given it.
    /// </summary>
    public async Task AgentTypingAsync(Agent caller, string interactionId, CancellationToken cancellationToken)
    {
        Interaction interaction;
        ITypingChannel channel;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Read only, never committed: the checks are a message's, and nothing is stored.
            var tx = new InboxTransaction(_time.GetUtcNow());
            interaction = RequireOwn(tx, caller, interactionId);
            if (interaction.State is not (InteractionState.Active or InteractionState.TransferPending))
            {
                throw InboxException.Precondition($"Interaction {interactionId} is {Describe(interaction.State)}; typing is shown while it is active.");
            }

            var capabilities = _channels.CapabilitiesOf(interaction.Channel);
            if (_channels.Find(interaction.Channel) is not ITypingChannel typing || !capabilities.ShowsAgentTyping)
            {
                throw InboxException.Precondition($"{interaction.Channel} does not show the customer that the agent is typing.");
            }

            // The provider refuses it there anyway (Meta's sender actions follow the messaging window).
            RequireWindowOpen(interaction, capabilities, tx.Now, "shows no typing either");

            if (!_typing.TryPass(interaction.Id, tx.Now))
            {
                return;
            }

            channel = typing;
        }
        finally
        {
            _gate.Release();
        }

        await channel.ShowTypingAsync(interaction, cancellationToken).ConfigureAwait(false);
    }
}
