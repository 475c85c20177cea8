using System.ComponentModel.DataAnnotations;

namespace Inbox.Interactions.Directory;

/// <summary>
/// Agents, campaigns, global dispositions and pause reasons as configured (top-level sections <c>Agents</c>,
/// <c>Campaigns</c>, <c>Dispositions</c> and <c>PauseReasons</c>). Every error names the key to fix.
/// </summary>
internal sealed class AgentDirectoryOptions : IValidatableObject
{
    public List<AgentOptions> Agents { get; set; } = [];

    public List<CampaignOptions> Campaigns { get; set; } = [];

    /// <summary>Disposition codes every campaign offers.</summary>
    public List<DispositionOptions> Dispositions { get; set; } = [];

    /// <summary>Reasons an agent may give for a pause. Default (when none are configured): Break, Lunch, Training, Meeting.</summary>
    /// <remarks>Empty by default: the configuration binder appends to a pre-filled list instead of replacing it.</remarks>
    public List<string> PauseReasons { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var campaignIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Campaigns.Count; i++)
        {
            foreach (var error in ValidateCampaign(Campaigns[i], $"Campaigns:{i}", campaignIds))
            {
                yield return error;
            }
        }

        for (var i = 0; i < Campaigns.Count; i++)
        {
            if ((ValidateOverflow(Campaigns[i], $"Campaigns:{i}:Overflow", campaignIds) ?? OverflowCircle(i)) is { } error)
            {
                yield return error;
            }
        }

        foreach (var error in ValidateDispositions(Dispositions, "Dispositions"))
        {
            yield return error;
        }

        var agentIds = new HashSet<string>(StringComparer.Ordinal);
        var extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Agents.Count; i++)
        {
            foreach (var error in ValidateAgent(Agents[i], $"Agents:{i}", agentIds, extensions, campaignIds))
            {
                yield return error;
            }
        }
    }

    private static IEnumerable<ValidationResult> ValidateAgent(
        AgentOptions agent, string key, HashSet<string> agentIds, HashSet<string> extensions, HashSet<string> campaignIds)
    {
        if (string.IsNullOrWhiteSpace(agent.Id))
        {
            yield return new ValidationResult($"{key}:Id is required.");
        }
        else if (!agentIds.Add(agent.Id))
        {
            yield return new ValidationResult($"{key}:Id: two agents have id '{agent.Id}'.");
        }

        if (agent.SipPassword is null && agent.SipPasswordHash is null && agent.Extensions.Count > 0)
        {
            yield return new ValidationResult($"{key}: set SipPassword or SipPasswordHash so the agent's phones can register.");
        }

        foreach (var extension in agent.Extensions)
        {
            if (!extensions.Add(extension))
            {
                yield return new ValidationResult($"{key}:Extensions: extension {extension} belongs to two agents.");
            }
        }

        foreach (var campaign in agent.Campaigns)
        {
            if (!campaignIds.Contains(campaign))
            {
                yield return new ValidationResult($"{key}:Campaigns: no campaign has id '{campaign}'.");
            }
        }

        if (agent.ApiKeyHash is not null && !ApiKeyHash.IsWellFormed(agent.ApiKeyHash))
        {
            yield return new ValidationResult($"{key}:ApiKeyHash: expected pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>.");
        }
    }

    private static IEnumerable<ValidationResult> ValidateCampaign(CampaignOptions campaign, string key, HashSet<string> campaignIds)
    {
        if (string.IsNullOrWhiteSpace(campaign.Id))
        {
            yield return new ValidationResult($"{key}:Id is required.");
        }
        else if (!campaignIds.Add(campaign.Id))
        {
            yield return new ValidationResult($"{key}:Id: two campaigns have id '{campaign.Id}'.");
        }

        var kinds = new HashSet<Channels.ChannelKind>();
        for (var c = 0; c < campaign.Channels.Count; c++)
        {
            var channel = campaign.Channels[c];
            if (!kinds.Add(channel.Kind))
            {
                yield return new ValidationResult($"{key}:Channels:{c}:Kind: {channel.Kind} is listed twice.");
            }

            if (channel.WrapUp < TimeSpan.Zero)
            {
                yield return new ValidationResult($"{key}:Channels:{c}:WrapUp must not be negative.");
            }

            if (channel.MaxPerAgent is < 1 or > 100)
            {
                yield return new ValidationResult($"{key}:Channels:{c}:MaxPerAgent must be between 1 and 100.");
            }
        }

        if (campaign.TransferTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{key}:TransferTimeout must be positive.");
        }

        if (campaign.OfferTimeout <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{key}:OfferTimeout must be positive.");
        }

        if (campaign.Form.Kind == FormKind.ExternalUrl && !Uri.TryCreate(campaign.Form.Url, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"{key}:Form:Url: an external form needs an absolute URL.");
        }

        var templateIds = new HashSet<string>(StringComparer.Ordinal);
        for (var t = 0; t < campaign.Templates.Count; t++)
        {
            var template = campaign.Templates[t];
            if (string.IsNullOrWhiteSpace(template.Id) || !templateIds.Add(template.Id))
            {
                yield return new ValidationResult($"{key}:Templates:{t}:Id must be set and unique in the campaign.");
            }

            if (string.IsNullOrWhiteSpace(template.Body))
            {
                yield return new ValidationResult($"{key}:Templates:{t}:Body is required.");
            }
        }

        foreach (var error in ValidateDispositions(campaign.Dispositions, $"{key}:Dispositions"))
        {
            yield return error;
        }
    }

    // Checked once every campaign id is known: the target may be listed after the campaign that overflows to it.
    private static ValidationResult? ValidateOverflow(CampaignOptions campaign, string key, HashSet<string> campaignIds) => campaign.Overflow switch
    {
        { After: null, CampaignId: null, WhenNobodyIsSignedIn: false } => null,
        { After: null, WhenNobodyIsSignedIn: false } => new ValidationResult($"{key}:After (or {key}:WhenNobodyIsSignedIn) is required with {key}:CampaignId."),
        { After: { } after } when after < TimeSpan.FromSeconds(5) || after > TimeSpan.FromDays(7) =>
            new ValidationResult($"{key}:After must be between 5 seconds and 7 days."),
        { CampaignId: null or "" } => new ValidationResult($"{key}:CampaignId is required with {key}:After or {key}:WhenNobodyIsSignedIn."),
        { CampaignId: var target } when target == campaign.Id => new ValidationResult($"{key}:CampaignId: a campaign cannot overflow to itself."),
        { CampaignId: var target } when !campaignIds.Contains(target!) => new ValidationResult($"{key}:CampaignId: no campaign has id '{target}'."),
        _ => null,
    };

    // An interaction nobody answers would go round the circle forever: a store write and two campaigns' events a
    // round.
    private ValidationResult? OverflowCircle(int index)
    {
        var path = new List<string> { Campaigns[index].Id };
        for (var next = Campaigns[index].Overflow.CampaignId; next is not null; next = Campaigns.Find(c => c.Id == next)?.Overflow.CampaignId)
        {
            path.Add(next);
            if (next == path[0])
            {
                return new ValidationResult($"Campaigns:{index}:Overflow:CampaignId: the overflow goes round in a circle ({string.Join(" -> ", path)}).");
            }

            if (path.Count > Campaigns.Count)
            {
                return null;
            }
        }

        return null;
    }

    private static IEnumerable<ValidationResult> ValidateDispositions(List<DispositionOptions> dispositions, string key)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < dispositions.Count; i++)
        {
            var disposition = dispositions[i];
            if (string.IsNullOrWhiteSpace(disposition.Code) || disposition.Code.Contains('/', StringComparison.Ordinal))
            {
                yield return new ValidationResult($"{key}:{i}:Code must be set and must not contain '/'.");
            }
            else if (!codes.Add(disposition.Code))
            {
                yield return new ValidationResult($"{key}:{i}:Code: '{disposition.Code}' is listed twice at this level.");
            }

            foreach (var error in ValidateDispositions(disposition.Children, $"{key}:{i}:Children"))
            {
                yield return error;
            }
        }
    }
}
