using System.Collections.Immutable;

namespace Inbox.Interactions.Chats;

/// <summary>An internal chat room. Its id is derived from who is in it, so opening it twice finds the same room.</summary>
/// <param name="Participants">The two agents, or empty for a campaign room (its members are the campaign's).</param>
/// <param name="CampaignId">The campaign of a campaign room.</param>
internal sealed record Chat(string Id, ChatKind Kind, ImmutableArray<string> Participants, string? CampaignId, DateTimeOffset CreatedAt)
{
    public static string AgentChatId(string a, string b) =>
        string.CompareOrdinal(a, b) < 0 ? $"agents:{a}:{b}" : $"agents:{b}:{a}";

    public static string CampaignChatId(string campaignId) => $"campaign:{campaignId}";
}
