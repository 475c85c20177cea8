using System.Collections.Immutable;

namespace Inbox.Media.Players;

/// <summary>
/// A call-progress tone: one or two frequencies and an on/off cadence, as national plans define them
/// (ITU-T E.180 Supplement 2 lists each country's tones).
/// </summary>
/// <param name="FrequencyHz">First frequency in Hz.</param>
/// <param name="SecondFrequencyHz">Second frequency in Hz for dual tones (US ringback 440 + 480), or 0.</param>
/// <param name="LevelDbm0">Level of each frequency in dBm0; a full-scale sine is +3.14 dBm0 (G.711). Typically -13.</param>
/// <param name="CadenceMs">Alternating on and off durations in milliseconds, repeated; empty for a continuous tone.</param>
internal sealed record ToneDefinition(double FrequencyHz, double SecondFrequencyHz, double LevelDbm0, ImmutableArray<int> CadenceMs)
{
    /// <summary>A single-frequency tone with a cadence, at -13 dBm0.</summary>
    public static ToneDefinition Single(double frequencyHz, params int[] cadenceMs) =>
        new(frequencyHz, 0, -13, [.. cadenceMs]);

    /// <summary>A dual-frequency tone with a cadence, each frequency at -16 dBm0 (-13 dBm0 together).</summary>
    public static ToneDefinition Dual(double frequencyHz, double secondFrequencyHz, params int[] cadenceMs) =>
        new(frequencyHz, secondFrequencyHz, -16, [.. cadenceMs]);
}
