using Inbox.Interactions.Calls;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Engine;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;
using Inbox.Telephony.Legs;
using Inbox.Telephony.Routing;
using Inbox.Telephony.Trunks;

namespace Inbox.Telephony.Calls;

/// <summary>
/// The Calls API's conference commands: whom to add (an agent's phones, a campaign's free member, a number through
/// the campaign's trunk and its dial rules), remove, and the agent leaving. Who may act is the inbox's to decide
/// before calling here.
/// </summary>
internal sealed class ConferenceControl(CallHandler calls, InboxEngine engine, ITelephonyInbox inbox, TrunkRouter trunks)
{
    /// <summary>Rings <paramref name="agentId"/>'s registered phones; FAILED_PRECONDITION when none is registered.</summary>
    public Task<CallView> AddAgentAsync(Interaction interaction, string agentId) =>
        calls.AddAgentAsync(CallIdOf(interaction), agentId, inbox.ExtensionsOf(agentId));

    /// <summary>Rings the member of <paramref name="campaignId"/> routing would offer a call to now.</summary>
    public async Task<CallView> AddCampaignAsync(Interaction interaction, Agent caller, string campaignId, CancellationToken cancellationToken)
    {
        var member = await engine.PickConferenceMemberAsync(caller, interaction.Id, campaignId, cancellationToken).ConfigureAwait(false);
        return await AddAgentAsync(interaction, member.Id).ConfigureAwait(false);
    }

    /// <summary>Dials <paramref name="number"/> through the call's campaign's trunk, written by its dial rules.</summary>
    public Task<CallView> AddNumberAsync(Interaction interaction, string number) =>
        calls.AddNumberAsync(CallIdOf(interaction), trunks.Route(interaction.CampaignId, number));

    public Task<CallView> RemoveAsync(Interaction interaction, string participantId) =>
        calls.RemoveParticipantAsync(CallIdOf(interaction), participantId);

    /// <summary>The interaction's agent leaves; the others stay connected and the interaction is finalized as hers.</summary>
    public Task<CallView> LeaveAsync(Interaction interaction) =>
        calls.LeaveConferenceAsync(
            CallIdOf(interaction),
            interaction.AgentId ?? throw InboxException.Precondition($"Interaction {interaction.Id} has no agent to leave the call."),
            interaction.Id);

    private static string CallIdOf(Interaction interaction) =>
        interaction.ClientInfo.TryGetValue(TelephonyChannel.CallIdKey, out var callId)
            ? callId
            : throw InboxException.NotFound($"Interaction {interaction.Id} has no live call.");
}
