using System.Collections.Frozen;
using System.Collections.Immutable;
using Inbox.Interactions.Errors;
using Inbox.Telephony.Routing;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Trunks;

/// <summary>
/// Picks the trunk for a campaign's outbound call and rewrites the number for it: <c>Telephony:DialRules</c> first
/// (what agents type → the filed form, e.g. <c>0034…</c> → <c>+34…</c>), then the first of the campaign's trunks whose
/// <c>Numbers</c> match, then that trunk's own rules. Immutable after construction; thread-safe.
/// </summary>
internal sealed class TrunkRouter
{
    private readonly ImmutableArray<DialRule> _rules;
    private readonly FrozenDictionary<string, ImmutableArray<Trunk>> _byCampaign;
    private readonly FrozenDictionary<string, Trunk> _trunks;

    public TrunkRouter(IOptions<TelephonyOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var telephony = options.Value;
        var trunks = _trunks = telephony.Trunks.ToFrozenDictionary(t => t.Id, Trunk.Create, StringComparer.Ordinal);
        _rules = [.. telephony.DialRules.Select(DialRule.Create)];
        _byCampaign = telephony.Campaigns.ToFrozenDictionary(
            c => c.CampaignId, c => c.Trunks.Select(id => trunks[id]).ToImmutableArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// The route for <paramref name="number"/> (as the inbox normalised it: digits, maybe a leading +) in
    /// <paramref name="campaignId"/>. FAILED_PRECONDITION when the campaign has no trunk, INVALID_ARGUMENT when none
    /// of its trunks dials the number.
    /// </summary>
    public OutboundRoute Route(string campaignId, string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (!_byCampaign.TryGetValue(campaignId, out var trunks))
        {
            throw InboxException.Precondition($"Campaign '{campaignId}' has no trunk for outbound calls (Telephony:Campaigns).");
        }

        var normalised = DialRule.Apply(_rules, number);
        foreach (var trunk in trunks)
        {
            if (trunk.Dials(normalised))
            {
                var dialled = DialRule.Apply(trunk.DialRules, normalised);
                return dialled.Length > 0
                    ? new OutboundRoute(trunk, normalised, dialled)
                    : throw InboxException.Invalid($"The dial rules of trunk '{trunk.Id}' leave nothing of '{number}' to dial.");
            }
        }

        throw InboxException.Invalid($"No trunk of campaign '{campaignId}' dials '{normalised}'.");
    }

    /// <summary>The route for <paramref name="number"/> in <paramref name="campaignId"/>, or null where <see cref="Route"/> refuses.</summary>
    public OutboundRoute? TryRoute(string campaignId, string number)
    {
        try
        {
            return Route(campaignId, number);
        }
        catch (InboxException)
        {
            return null;
        }
    }

    /// <summary>The route <see cref="Route"/> chose before, from what it gave: the trunk's id and the number as dialled.</summary>
    public OutboundRoute? Find(string trunkId, string number, string dialled) =>
        _trunks.TryGetValue(trunkId, out var trunk) ? new OutboundRoute(trunk, number, dialled) : null;
}
