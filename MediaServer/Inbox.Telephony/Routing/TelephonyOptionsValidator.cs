using System.Net;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Routing;

/// <summary>
/// Checks <see cref="TelephonyOptions"/> at start: each number is set once and names a campaign that takes inbound
/// calls. Failures name the key to fix (<c>Telephony:Numbers:1:CampaignId</c>).
/// </summary>
internal sealed class TelephonyOptionsValidator(IOptions<AgentDirectoryOptions> directory) : IValidateOptions<TelephonyOptions>
{
    public ValidateOptionsResult Validate(string? name, TelephonyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var campaigns = directory.Value.Campaigns;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Numbers.Count; i++)
        {
            var entry = options.Numbers[i];
            var key = $"{TelephonyOptions.SectionName}:Numbers:{i}";
            if (string.IsNullOrWhiteSpace(entry.Number))
            {
                failures.Add($"{key}:Number is required.");
            }
            else if (!seen.Add(entry.Number))
            {
                failures.Add($"{key}:Number '{entry.Number}' is listed twice.");
            }

            var campaign = campaigns.Find(c => string.Equals(c.Id, entry.CampaignId, StringComparison.Ordinal));
            if (campaign is null)
            {
                failures.Add($"{key}:CampaignId '{entry.CampaignId}' is not a configured campaign.");
            }
            else if (!campaign.Channels.Exists(c => c.Kind == ChannelKind.Telephony && c.Inbound))
            {
                failures.Add($"{key}:CampaignId '{entry.CampaignId}' does not take inbound Telephony interactions.");
            }
        }

        if (!IPAddress.TryParse(options.MediaAddress, out _))
        {
            failures.Add($"{TelephonyOptions.SectionName}:MediaAddress '{options.MediaAddress}' is not an IP address.");
        }

        if (options.RingTime < TimeSpan.Zero || options.RingTime > TimeSpan.FromMinutes(3))
        {
            failures.Add($"{TelephonyOptions.SectionName}:RingTime must be between 00:00:00 and 00:03:00.");
        }

        var park = options.Park;
        if (park.Slots is < 1 or > 1000)
        {
            failures.Add($"{TelephonyOptions.SectionName}:Park:Slots must be between 1 and 1000.");
        }

        if (park.FirstSlot < 0)
        {
            failures.Add($"{TelephonyOptions.SectionName}:Park:FirstSlot must not be negative.");
        }

        if (park.Timeout < TimeSpan.FromSeconds(5) || park.Timeout > TimeSpan.FromHours(1))
        {
            failures.Add($"{TelephonyOptions.SectionName}:Park:Timeout must be between 00:00:05 and 01:00:00.");
        }

        ValidateTimers(options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // RFC 4028 §4-5: intervals are whole seconds, never below 90 s; what we ask for must be at least what we accept.
    private static void ValidateTimers(TelephonyOptions options, List<string> failures)
    {
        var section = TelephonyOptions.SectionName;
        if (options.MinSessionExpires < TimeSpan.FromSeconds(90) || options.MinSessionExpires.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            failures.Add($"{section}:MinSessionExpires must be whole seconds, at least 00:01:30 (RFC 4028).");
        }

        if (options.SessionExpires < options.MinSessionExpires || options.SessionExpires.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            failures.Add($"{section}:SessionExpires must be whole seconds, at least {section}:MinSessionExpires.");
        }

        if (options.RtpTimeout < TimeSpan.Zero)
        {
            failures.Add($"{section}:RtpTimeout must be 00:00:00 (off) or more.");
        }
    }
}
