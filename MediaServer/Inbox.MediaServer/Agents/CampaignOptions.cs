using System.ComponentModel.DataAnnotations;

namespace Inbox.MediaServer.Agents;

/// <summary>One campaign from configuration (section <c>Campaigns</c>).</summary>
internal sealed class CampaignOptions
{
    [Required]
    [MinLength(1)]
    public string Id { get; set; } = string.Empty;

    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>Channels the campaign works: Telephony, Email, WhatsApp, Sms, WebChat, Instagram, Messenger.</summary>
    public List<string> Channels { get; set; } = [];
}
