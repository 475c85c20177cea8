using Inbox.Interactions.Chats;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;

namespace Inbox.Interactions.Engine;

/// <summary>Who sees what: an agent sees her campaigns' interactions and her own; supervisors see everything.</summary>
internal sealed partial class InboxEngine
{
    private IEnumerable<Agent> Supervisors => _directory.Agents.Values.Where(a => a.SeesEverything);

    private static bool CanSee(Agent agent, Interaction interaction) =>
        agent.SeesEverything || agent.IsMemberOf(interaction.CampaignId) || Involved(interaction).Contains(agent.Id)
        || (interaction.Transfer is { TargetKind: TransferTargetKind.Campaign } transfer && agent.IsMemberOf(transfer.TargetId));

    /// <summary>Everyone whose lists show it: its campaign's members, the agents involved, supervisors.</summary>
    private HashSet<string> AudienceOf(Interaction interaction)
    {
        var audience = InvolvedAudienceOf(interaction);
        if (_directory.Campaign(interaction.CampaignId) is { } campaign)
        {
            audience.UnionWith(campaign.Members);
        }

        if (interaction.Transfer is { TargetKind: TransferTargetKind.Campaign } transfer && _directory.Campaign(transfer.TargetId) is { } target)
        {
            audience.UnionWith(target.Members);
        }

        return audience;
    }

    /// <summary>The agents working it and supervisors: who follows its messages.</summary>
    private HashSet<string> InvolvedAudienceOf(Interaction interaction)
    {
        var audience = new HashSet<string>(Involved(interaction), StringComparer.Ordinal);
        audience.UnionWith(Supervisors.Select(s => s.Id));
        return audience;
    }

    private HashSet<string> TeamAudienceOf(Agent agent)
    {
        var audience = new HashSet<string>(_directory.TeamOf(agent).Select(a => a.Id), StringComparer.Ordinal) { agent.Id };
        return audience;
    }

    private HashSet<string> MembersOf(Chat chat)
    {
        var members = new HashSet<string>(chat.Participants, StringComparer.Ordinal);
        if (chat.CampaignId is not null && _directory.Campaign(chat.CampaignId) is { } campaign)
        {
            members.UnionWith(campaign.Members);
            members.UnionWith(Supervisors.Select(s => s.Id));
        }

        return members;
    }

    private Agent RequireAgent(string agentId) =>
        _directory.Agent(agentId) ?? throw InboxException.NotFound($"No agent has id '{agentId}'.");

    private Campaign RequireCampaign(string campaignId) =>
        _directory.Campaign(campaignId) ?? throw InboxException.NotFound($"No campaign has id '{campaignId}'.");

    /// <summary>The open interaction, if the caller may see it; one she may not see does not exist for her.</summary>
    private Interaction RequireVisible(InboxTransaction tx, Agent caller, string interactionId)
    {
        var interaction = RequireOpen(tx, interactionId);
        return CanSee(caller, interaction) ? interaction : throw InboxException.NotFound($"No open interaction has id '{interactionId}'.");
    }

    /// <summary>The open interaction as this transaction sees it (its own change first), for channel-side calls.</summary>
    private Interaction RequireOpen(InboxTransaction tx, string interactionId) =>
        tx.TryGet(interactionId, out var interaction) || _open.TryGetValue(interactionId, out interaction!)
            ? interaction
            : throw InboxException.NotFound($"No open interaction has id '{interactionId}'.");

    /// <summary>The caller's own interaction (supervisors may act on any).</summary>
    private Interaction RequireOwn(InboxTransaction tx, Agent caller, string interactionId)
    {
        var interaction = RequireVisible(tx, caller, interactionId);
        if (interaction.AgentId != caller.Id && !caller.SeesEverything)
        {
            throw InboxException.Denied(interaction.AgentId is null
                ? $"Interaction {interactionId} is not assigned to you; take it first."
                : $"Interaction {interactionId} belongs to {interaction.AgentId}.");
        }

        return interaction;
    }
}
