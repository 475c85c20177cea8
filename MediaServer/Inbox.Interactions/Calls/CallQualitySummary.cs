using System.Collections.Immutable;

namespace Inbox.Interactions.Calls;

/// <summary>
/// How a call sounded, kept on its interaction once the call is over: per leg, the E-model scores of the windows in
/// which audio arrived (windows with nothing received, such as hold, are left out).
/// </summary>
internal sealed record CallQualitySummary(ImmutableArray<LegQualitySummary> Legs);

/// <summary>One leg's scores over the call.</summary>
/// <param name="Role">Whose audio was scored: what the server received from the customer, the agent's phone or a participant she added.</param>
/// <param name="AverageMos">The mean MOS of the scored windows.</param>
/// <param name="MinimumMos">The worst window's MOS.</param>
/// <param name="WorstBand">The band of the worst window.</param>
/// <param name="Windows">How many windows were scored.</param>
internal sealed record LegQualitySummary(CallLegRole Role, double AverageMos, double MinimumMos, QualityBand WorstBand, int Windows)
{
    /// <summary>For a <see cref="CallLegRole.Participant"/>: the added agent's id or the number; null for the customer and the agent.</summary>
    public string? Party { get; init; }
}
