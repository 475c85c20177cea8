namespace Inbox.Telephony.Routing;

/// <summary>One dialled number and the campaign its calls queue in (an entry of <c>Telephony:Numbers</c>).</summary>
internal sealed class TelephonyNumberOptions
{
    /// <summary>The Request-URI user part a caller dials, e.g. "5000" or "+441632960000". Required.</summary>
    public string Number { get; set; } = string.Empty;

    /// <summary>The id of a configured campaign with inbound telephony. Required.</summary>
    public string CampaignId { get; set; } = string.Empty;
}
