using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Telephony.Routing;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Trunks;

/// <summary>
/// Checks the outbound part of <see cref="TelephonyOptions"/> at start: trunks (id, address, credentials, patterns,
/// dial rules), the global dial rules, and each campaign's trunks. Failures name the key to fix
/// (<c>Telephony:Trunks:0:Address</c>).
/// </summary>
internal sealed class TrunkOptionsValidator(IOptions<AgentDirectoryOptions> directory) : IValidateOptions<TelephonyOptions>
{
    private const string Section = TelephonyOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TelephonyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Trunks.Count; i++)
        {
            ValidateTrunk(options.Trunks[i], $"{Section}:Trunks:{i}", ids, failures);
        }

        ValidateRules(options.DialRules, $"{Section}:DialRules", failures);
        var campaigns = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Campaigns.Count; i++)
        {
            ValidateCampaign(options.Campaigns[i], $"{Section}:Campaigns:{i}", ids, campaigns, failures);
        }

        if (options.DialTimeout < TimeSpan.FromSeconds(5) || options.DialTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Section}:DialTimeout must be between 00:00:05 and 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateTrunk(TrunkOptions trunk, string key, HashSet<string> ids, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(trunk.Id))
        {
            failures.Add($"{key}:Id is required.");
        }
        else if (!ids.Add(trunk.Id))
        {
            failures.Add($"{key}:Id '{trunk.Id}' is listed twice.");
        }

        if (!Trunk.TryParseAddress(trunk.Address, out _, out _))
        {
            failures.Add($"{key}:Address '{trunk.Address}' is not host[:port].");
        }

        if (!Enum.IsDefined(trunk.Transport))
        {
            failures.Add($"{key}:Transport must be Udp or Tcp.");
        }

        if (!string.IsNullOrEmpty(trunk.Username) && string.IsNullOrEmpty(trunk.Password))
        {
            failures.Add($"{key}:Password is required with Username.");
        }

        for (var i = 0; i < trunk.Numbers.Count; i++)
        {
            ValidatePattern(trunk.Numbers[i], $"{key}:Numbers:{i}", failures);
        }

        ValidateRules(trunk.DialRules, $"{key}:DialRules", failures);
    }

    private static void ValidateRules(List<DialRuleOptions> rules, string key, List<string> failures)
    {
        for (var i = 0; i < rules.Count; i++)
        {
            ValidatePattern(rules[i].Match, $"{key}:{i}:Match", failures);
            if (rules[i].Strip < 0)
            {
                failures.Add($"{key}:{i}:Strip must not be negative.");
            }
        }
    }

    private static void ValidatePattern(string pattern, string key, List<string> failures)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            failures.Add($"{key} is required.");
            return;
        }

        try
        {
            _ = DialRule.Pattern(pattern);
        }
        catch (ArgumentException e)
        {
            failures.Add($"{key} '{pattern}' is not a regular expression: {e.Message}");
        }
    }

    private void ValidateCampaign(CampaignTrunksOptions entry, string key, HashSet<string> trunkIds, HashSet<string> seen, List<string> failures)
    {
        var campaign = directory.Value.Campaigns.Find(c => string.Equals(c.Id, entry.CampaignId, StringComparison.Ordinal));
        if (campaign is null)
        {
            failures.Add($"{key}:CampaignId '{entry.CampaignId}' is not a configured campaign.");
        }
        else if (!campaign.Channels.Exists(c => c.Kind == ChannelKind.Telephony && c.Outbound))
        {
            failures.Add($"{key}:CampaignId '{entry.CampaignId}' does not start outbound Telephony interactions.");
        }
        else if (!seen.Add(entry.CampaignId))
        {
            failures.Add($"{key}:CampaignId '{entry.CampaignId}' is listed twice.");
        }

        if (entry.Trunks.Count == 0)
        {
            failures.Add($"{key}:Trunks needs at least one trunk id.");
        }

        for (var i = 0; i < entry.Trunks.Count; i++)
        {
            if (!trunkIds.Contains(entry.Trunks[i]))
            {
                failures.Add($"{key}:Trunks:{i} '{entry.Trunks[i]}' is not a configured trunk.");
            }
        }
    }
}
