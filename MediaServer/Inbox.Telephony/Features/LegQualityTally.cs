using Inbox.Interactions.Calls;
using Inbox.Media.Quality;

namespace Inbox.Telephony.Features;

/// <summary>
/// One leg's E-model windows over a call, for the summary kept on the interaction. Windows in which nothing arrived
/// (hold, silence suppression) say nothing about the line and are left out. Touched only on the call's executor.
/// </summary>
/// <param name="role">Whose audio it is.</param>
/// <param name="party">For a participant: the added agent's id or the number.</param>
internal sealed class LegQualityTally(CallLegRole role, string? party = null)
{
    private double _sum;
    private double _minimum = double.MaxValue;
    private QualityColor _worst;
    private int _windows;

    public void Add(QualitySample sample)
    {
        if (sample.PacketsExpected == 0)
        {
            return;
        }

        _sum += sample.Mos;
        _minimum = Math.Min(_minimum, sample.Mos);
        _worst = (QualityColor)Math.Max((int)_worst, (int)sample.Color);
        _windows++;
    }

    /// <summary>The leg's summary; null when no window was scored.</summary>
    public LegQualitySummary? Summary() =>
        _windows == 0 ? null : new LegQualitySummary(role, Math.Round(_sum / _windows, 2), Math.Round(_minimum, 2), BandOf(_worst), _windows) { Party = party };

    public static QualityBand BandOf(QualityColor color) => color switch
    {
        QualityColor.Green => QualityBand.Green,
        QualityColor.Orange => QualityBand.Orange,
        _ => QualityBand.Red,
    };
}
