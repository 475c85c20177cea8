using BenchmarkDotNet.Attributes;
using Inbox.Media.Quality;

namespace Inbox.Benchmarks.Quality;

/// <summary>
/// One E-model score per leg direction every 5 seconds: the fixed terms (Ro, Is, echo) are precomputed, so a score
/// is Idd + Ie-eff + MOS. Expected 0 B allocated for the scores.
/// </summary>
[MemoryDiagnoser]
public class EModelBenchmarks
{
    private readonly EModel _model = EModel.Default;
    private readonly EModelInput _typical = new(90, 2, CodecImpairment.G711WithPlc);
    private readonly EModelInput _longDelay = new(300, 5, CodecImpairment.Opus, BurstRatio: 1.5);

    // A typical leg: 90 ms one-way, 2 % random loss, Idd is zero (Ta ≤ 100 ms).
    [Benchmark(Baseline = true)]
    public double ScoreTypical() => _model.Score(_typical).Mos;

    // The slow branch: Ta > 100 ms takes the Idd powers.
    [Benchmark]
    public double ScoreLongDelay() => _model.Score(_longDelay).Mos;

    // Building a model computes Ro, Is, Idte and Idle once per parameter set, not per score (allocates the model).
    [Benchmark]
    public double CreateModel() => new EModel(EModelParameters.Default).Ro;
}
