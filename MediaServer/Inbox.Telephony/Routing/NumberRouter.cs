using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Routing;

/// <summary>Finds the campaign a dialled number belongs to. Immutable after construction; thread-safe.</summary>
internal sealed class NumberRouter
{
    private readonly FrozenDictionary<string, string> _campaigns;

    public NumberRouter(IOptions<TelephonyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _campaigns = options.Value.Numbers.ToFrozenDictionary(n => n.Number, n => n.CampaignId, StringComparer.Ordinal);
    }

    /// <summary>The campaign for the Request-URI user <paramref name="number"/>; false for an unknown number.</summary>
    public bool TryRoute(string? number, [NotNullWhen(true)] out string? campaignId)
    {
        campaignId = null;
        return number is not null && _campaigns.TryGetValue(number, out campaignId);
    }
}
