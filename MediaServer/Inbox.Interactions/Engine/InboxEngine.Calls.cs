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
    public Task<Interaction> RequireCallAsync(Agent caller, string interactionId, CancellationToken cancellationToken) =>
        RequireCallAsync(caller, interactionId, orFinalized: false, cancellationToken);

    private async Task<Interaction> RequireCallAsync(Agent caller, string interactionId, bool orFinalized, CancellationToken cancellationToken)
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
                || (orFinalized && interaction.State == InteractionState.Finalized)
                ? interaction
                : throw InboxException.Precondition($"Interaction {interactionId} is {Describe(interaction.State)}; its call is over.");
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The live call <paramref name="caller"/> may listen in on: supervisors' and admins' only (PERMISSION_DENIED). A
    /// finalized interaction's call may still be going on (its agent left a conference a supervisor is still in), so it
    /// passes here and call control says whether there is a call.
    /// </summary>
    public Task<Interaction> RequireCallToMonitorAsync(Agent caller, string interactionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.SeesEverything
            ? RequireCallAsync(caller, interactionId, orFinalized: true, cancellationToken)
            : throw InboxException.Denied("Only supervisors and admins listen in on calls.");
    }

    /// <summary>
    /// <paramref name="caller"/> takes over a live call of her campaign from its agent (a parked call she retrieves):
    /// the interaction becomes hers, within her channel limit. Taking back her own is no change.
    /// </summary>
    public Task<Interaction> TakeOverCallAsync(Agent caller, string interactionId, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireVisible(tx, caller, interactionId);
            if (interaction is not { Channel: ChannelKind.Telephony, State: InteractionState.Active })
            {
                throw InboxException.Precondition($"Interaction {interactionId} is not a live call.");
            }

            if (interaction.AgentId == caller.Id)
            {
                return Task.FromResult(interaction);
            }

            if (!caller.IsMemberOf(interaction.CampaignId) && !caller.SeesEverything)
            {
                throw InboxException.Denied($"You are not a member of campaign '{interaction.CampaignId}'.");
            }

            RequireSignedIn(tx, caller);
            RequireCapacity(tx, caller, interaction);
            return Task.FromResult(tx.Put(interaction with { AgentId = caller.Id }));
        }, cancellationToken);

    /// <summary>Streams a change of a supervisor's listening in to her alone: the agent she listens to must not learn of it.</summary>
    public async Task PublishMonitorAsync(MonitorChanged change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _events.Publish([change.SupervisorId], change);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Streams a change of a call between agents to both of them (and to nobody else: it is theirs).</summary>
    public async Task PublishAgentCallAsync(AgentCallChanged change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _events.Publish([change.Call.CallerAgentId, change.Call.CalleeAgentId], change);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Streams a call's change to the agents working its interaction and to supervisors, or with
    /// <paramref name="campaignWide"/> to everyone whose lists show the interaction (a parked call any member may
    /// retrieve). Not stored: a call does not outlive the process. Nothing is sent for an interaction no longer open.
    /// </summary>
    public async Task PublishCallEventAsync(string interactionId, InboxEvent callEvent, CancellationToken cancellationToken, bool campaignWide = false)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_open.TryGetValue(interactionId, out var interaction))
            {
                _events.Publish(campaignWide ? AudienceOf(interaction) : InvolvedAudienceOf(interaction), callEvent);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
