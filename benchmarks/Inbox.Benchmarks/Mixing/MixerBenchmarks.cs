using BenchmarkDotNet.Attributes;
using Inbox.Media.Mixing;

namespace Inbox.Benchmarks.Mixing;

/// <summary>
/// One 20 ms conference tick of <see cref="AudioMixer"/>: every participant supplies a frame, then the N−1 mix for
/// each. Target: 0 B per tick; a 100-party 48 kHz tick well under 1 ms, so one clock worker carries many bridges.
/// <see cref="ScalarTick"/> is the plain int32 loop the TensorPrimitives path is measured against.
/// </summary>
[MemoryDiagnoser]
public class MixerBenchmarks
{
    private AudioMixer _mixer = null!;
    private short[][] _inputs = null!;
    private short[][] _outputs = null!;
    private int[] _sum = null!;

    /// <summary>Conference size: 10 = a large team huddle, 100 = a company-wide briefing (the upper end of one bridge).</summary>
    [Params(10, 100)]
    public int Participants { get; set; }

    /// <summary>Samples per 20 ms frame: 160 = 8 kHz (G.711), 960 = 48 kHz (Opus).</summary>
    [Params(160, 960)]
    public int FrameSamples { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _mixer = new AudioMixer(FrameSamples * AudioFrame.FramesPerSecond);
        _inputs = new short[Participants][];
        _outputs = new short[Participants][];
        _sum = new int[FrameSamples];
        for (var p = 0; p < Participants; p++)
        {
            var participant = _mixer.Add();
            participant.Gain = p % 3 == 0 ? 0.8f : 1f;
            _inputs[p] = new short[FrameSamples];
            _outputs[p] = new short[FrameSamples];
            for (var i = 0; i < FrameSamples; i++)
            {
                _inputs[p][i] = (short)(Math.Sin((i + p) * 0.05) * 3000);
            }
        }
    }

    [Benchmark(Baseline = true)]
    public short Tick()
    {
        var participants = _mixer.Participants;
        for (var p = 0; p < participants.Count; p++)
        {
            participants[p].SetInput(_inputs[p]);
        }

        _mixer.Mix();
        return participants[0].Output[0];
    }

    /// <summary>The same N−1 mix (without gain) as a scalar int32 loop: what SIMD saves.</summary>
    [Benchmark]
    public short ScalarTick()
    {
        var sum = _sum.AsSpan();
        sum.Clear();
        foreach (var input in _inputs)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += input[i];
            }
        }

        for (var p = 0; p < _inputs.Length; p++)
        {
            var input = _inputs[p];
            var output = _outputs[p];
            for (var i = 0; i < sum.Length; i++)
            {
                output[i] = (short)Math.Clamp(sum[i] - input[i], short.MinValue, short.MaxValue);
            }
        }

        return _outputs[0][0];
    }
}
