using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>
/// What call control needs from the inbox beyond a channel's contacts: who may act on a call, and the stream its
/// changes go out on. Calls themselves live in telephony; the engine only knows their interactions.
/// </summary>
internal sealed partial class InboxEngine
{
    /// <summary>
    /// The telephony interaction <paramref name="caller"/> may act on the call of: hers (any, for supervisors), and
    /// live (active or being transferred).
    /// </summary>
    public async Task<Interaction> RequireCallAsync(Agent caller, string interactionId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var interaction = RequireOwn(new InboxTransaction(_time.GetUtcNow()), caller, interactionId);
            if (interaction.Channel != ChannelKind.Telephony)
            {
                throw InboxException.Precondition($"Interaction {interactionId} is a {interaction.Channel} interaction, not a call.");
            }

            return interaction.State is InteractionState.Active or InteractionState.TransferPending
                ? interaction
                : throw InboxException.Precondition($"Interaction {interactionId} is {Describe(interaction.State)}; its call is over.");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Streams a call's change to the agents working its interaction and to supervisors. Not stored: a call does not
    /// outlive the process. Nothing is sent for an interaction that is no longer open.
    /// </summary>
    public async Task PublishCallEventAsync(string interactionId, InboxEvent callEvent, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_open.TryGetValue(interactionId, out var interaction))
            {
                _events.Publish(InvolvedAudienceOf(interaction), callEvent);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
