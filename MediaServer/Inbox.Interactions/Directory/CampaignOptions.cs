using System.ComponentModel.DataAnnotations;
using Inbox.Interactions.Channels;

namespace Inbox.Interactions.Directory;

/// <summary>One campaign from configuration (section <c>Campaigns</c>).</summary>
internal sealed class CampaignOptions
{
    [Required]
    [MinLength(1)]
    public string Id { get; set; } = string.Empty;

    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>The channels the campaign works, each with its direction and wrap-up.</summary>
    public List<CampaignChannelOptions> Channels { get; set; } = [];

    /// <summary>How long a transfer waits for someone to accept before it returns. Default 30 s.</summary>
    public TimeSpan TransferTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an offer waits for the agent before it goes back to pending. Default 20 s.</summary>
    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Where interactions waiting too long for one of its agents go; off unless <see cref="OverflowOptions.After"/> or <see cref="OverflowOptions.WhenNobodyIsSignedIn"/> is set.</summary>
    public OverflowOptions Overflow { get; set; } = new();

    /// <summary>WAV file callers hear on hold or while queued; null for the server's default.</summary>
    public string? HoldMusic { get; set; }

    /// <summary>
    /// Whether its calls are recorded: a stereo WAV (customer left, agent right) from the moment an agent is connected,
    /// under the data folder's <c>recordings/</c>. Default false.
    /// </summary>
    public bool Recording { get; set; }

    /// <summary>Which available agent gets the next offer. Default <see cref="RoutingStrategy.LongestIdle"/>.</summary>
    public RoutingStrategy Routing { get; set; } = RoutingStrategy.LongestIdle;

    /// <summary>Disposition codes of this campaign, added to the global ones.</summary>
    public List<DispositionOptions> Dispositions { get; set; } = [];

    /// <summary>The form an agent fills in during an interaction.</summary>
    public FormOptions Form { get; set; } = new();

    /// <summary>Message templates, per channel.</summary>
    public List<TemplateOptions> Templates { get; set; } = [];
}

/// <summary>A campaign's overflow: after waiting <see cref="After"/> unanswered, an interaction joins another campaign's queue.</summary>
internal sealed class OverflowOptions
{
    /// <summary>How long an interaction waits in the queue before it overflows; null (the default) never.</summary>
    public TimeSpan? After { get; set; }

    /// <summary>The campaign whose queue it joins; required with <see cref="After"/> or <see cref="WhenNobodyIsSignedIn"/>.</summary>
    public string? CampaignId { get; set; }

    /// <summary>Overflow at once, whatever <see cref="After"/> says, while none of the campaign's members is signed in.</summary>
    public bool WhenNobodyIsSignedIn { get; set; }
}

/// <summary>One channel of a campaign.</summary>
internal sealed class CampaignChannelOptions
{
    public ChannelKind Kind { get; set; }

    /// <summary>Customers can start interactions. Default true.</summary>
    public bool Inbound { get; set; } = true;

    /// <summary>Agents can start interactions ("New"). Default true.</summary>
    public bool Outbound { get; set; } = true;

    /// <summary>Wrap-up after an interaction of this channel is finalized. Default 30 s.</summary>
    public TimeSpan WrapUp { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many interactions of this channel an agent handles at once; default 1 for telephony, 3 otherwise.</summary>
    [Range(1, 100)]
    public int? MaxPerAgent { get; set; }
}

/// <summary>A disposition code; children make it multi-level (only leaves can be chosen).</summary>
internal sealed class DispositionOptions
{
    [Required]
    [MinLength(1)]
    public string Code { get; set; } = string.Empty;

    [Required]
    public string Name { get; set; } = string.Empty;

    public List<DispositionOptions> Children { get; set; } = [];
}

/// <summary>The campaign's form.</summary>
internal sealed class FormOptions
{
    public FormKind Kind { get; set; } = FormKind.None;

    /// <summary>For <see cref="FormKind.ExternalUrl"/>: the URL, with {interaction.id}, {customer.address}, {customer.name}, {campaign.id}, {agent.id} substituted.</summary>
    public string? Url { get; set; }
}

/// <summary>A message template; WhatsApp templates are approved HSMs when <see cref="Approved"/> is set.</summary>
internal sealed class TemplateOptions
{
    [Required]
    [MinLength(1)]
    public string Id { get; set; } = string.Empty;

    public ChannelKind Channel { get; set; }

    [Required]
    public string Name { get; set; } = string.Empty;

    public string Language { get; set; } = "en";

    /// <summary>The text, with {{1}}, {{2}}... placeholders.</summary>
    [Required]
    public string Body { get; set; } = string.Empty;

    /// <summary>Approved by the provider (a WhatsApp HSM), so it may open a conversation outside the window.</summary>
    public bool Approved { get; set; }
}
