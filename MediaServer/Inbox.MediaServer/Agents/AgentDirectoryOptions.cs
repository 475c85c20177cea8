using System.ComponentModel.DataAnnotations;

namespace Inbox.MediaServer.Agents;

/// <summary>Agents and campaigns as configured (top-level sections <c>Agents</c> and <c>Campaigns</c>).</summary>
internal sealed class AgentDirectoryOptions : IValidatableObject
{
    public List<AgentOptions> Agents { get; set; } = [];

    public List<CampaignOptions> Campaigns { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var campaigns = Campaigns.Select(c => c.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Agents.Count; i++)
        {
            var agent = Agents[i];
            var key = $"Agents:{i}";
            if (string.IsNullOrWhiteSpace(agent.Id))
            {
                yield return new ValidationResult($"{key}:Id is required.");
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
                if (!campaigns.Contains(campaign))
                {
                    yield return new ValidationResult($"{key}:Campaigns: no campaign has id '{campaign}'.");
                }
            }
        }
    }
}
