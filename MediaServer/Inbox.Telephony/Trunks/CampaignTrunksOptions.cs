namespace Inbox.Telephony.Trunks;

/// <summary>The trunks a campaign's outbound calls go through (an entry of <c>Telephony:Campaigns</c>).</summary>
internal sealed class CampaignTrunksOptions
{
    /// <summary>A campaign with outbound telephony. Required.</summary>
    public string CampaignId { get; set; } = string.Empty;

    /// <summary>Trunk ids in order of preference: the first whose <c>Numbers</c> match the number is used. At least one.</summary>
    public List<string> Trunks { get; set; } = [];
}
