namespace Inbox.Media.Quality;

/// <summary>Settings of live quality scoring, bound from <c>Media:Quality</c>. Validated by <see cref="QualityOptionsValidator"/>.</summary>
internal sealed class QualityOptions
{
    /// <summary>Lowest MOS shown green. Default 4.0 (G.107 Annex B: "satisfied" users from R ≈ 80).</summary>
    public double GreenMinimumMos { get; set; } = 4.0;

    /// <summary>Lowest MOS shown orange; below it is red. Default 3.6 ("some users dissatisfied" from R ≈ 70).</summary>
    public double OrangeMinimumMos { get; set; } = 3.6;

    /// <summary>Length of one scoring window. Default 5 seconds; at least 1 second.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Maps a MOS to its colour with these thresholds.</summary>
    public QualityColor Classify(double mos) =>
        mos >= GreenMinimumMos ? QualityColor.Green
        : mos >= OrangeMinimumMos ? QualityColor.Orange
        : QualityColor.Red;
}
