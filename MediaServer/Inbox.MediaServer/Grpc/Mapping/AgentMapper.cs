using Inbox.Interactions.Agents;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Grpc.Mapping;

/// <summary>An agent and her live state, as her team and supervisors see her.</summary>
internal static class AgentMapper
{
    public static V1.TeamMember ToProto(this AgentView view)
    {
        var agent = view.Agent;
        var proto = new V1.TeamMember
        {
            AgentId = agent.Id,
            Name = agent.Name,
            Role = agent.Role.ToProto(),
            SignedIn = view.Status.SignedIn,
            Presence = view.Status.Presence.ToProto(),
            PauseReason = view.Status.PauseReason ?? string.Empty,
            Activity = view.Activity.ToProto(),
            InteractionsInHand = view.InHand,
            WrapUpUntil = view.WrapUpUntil.ToProto(),
        };
        if (!agent.Extensions.IsDefault)
        {
            proto.Extensions.Add(agent.Extensions);
        }

        proto.CampaignIds.Add(agent.Campaigns.Order(StringComparer.Ordinal));
        return proto;
    }
}
