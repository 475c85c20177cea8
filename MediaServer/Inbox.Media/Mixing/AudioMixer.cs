using System.Numerics.Tensors;

namespace Inbox.Media.Mixing;

/// <summary>
/// Mixes 20 ms frames of 16-bit PCM at one sample rate: each participant hears the sum of everyone but itself
/// (N−1), with per-participant gain and mute, saturated to [−32768, 32767]; a whispering participant
/// (<see cref="MixerParticipant.WhisperTo"/>) is left out of that sum and added for its one listener only. Codecs and
/// resampling are upstream.
/// </summary>
/// <remarks>
/// <para>Per tick: each participant's producer calls <see cref="MixerParticipant.SetInput"/> (or not, for silence),
/// then <see cref="Mix"/> runs, then each consumer reads <see cref="MixerParticipant.Output"/>. These three steps belong
/// to one thread, the media clock worker that owns this mixer. <see cref="Add"/> and <see cref="Remove"/> are
/// thread-safe and take effect from the next tick: <see cref="Mix"/> reads a copy-on-write array snapshot without a
/// lock.</para>
/// <para>Sums are in float: exact for integer samples (100 legs at full scale stay below 2^24), added and scaled with
/// <see cref="TensorPrimitives"/>, converted to and from 16 bits by <see cref="PcmVector"/>, and saturated once per
/// output. Allocates nothing per tick
/// (AudioMixerTests.Mix_TenParticipants_AllocatesNothing, MixerBenchmarks).</para>
/// </remarks>
internal sealed class AudioMixer
{
    private readonly Lock _gate = new();
    private readonly float[] _total;
    private readonly float[] _whispered;
    private MixerParticipant[] _participants = [];

    /// <summary>Creates a mixer for <paramref name="sampleRate"/> Hz (8000, 16000, 48000...).</summary>
    public AudioMixer(int sampleRate)
    {
        FrameSamples = AudioFrame.SamplesFor(sampleRate);
        SampleRate = sampleRate;
        _total = new float[FrameSamples];
        _whispered = new float[FrameSamples];
    }

    /// <summary>The mixer's sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Samples in one 20 ms frame at <see cref="SampleRate"/>.</summary>
    public int FrameSamples { get; }

    /// <summary>The participants as of now (a snapshot; never modified).</summary>
    public IReadOnlyList<MixerParticipant> Participants => Volatile.Read(ref _participants);

    /// <summary>Adds a participant with its own preallocated buffers; it is mixed from the next tick.</summary>
    public MixerParticipant Add()
    {
        var participant = new MixerParticipant(FrameSamples);
        lock (_gate)
        {
            var current = _participants;
            var next = new MixerParticipant[current.Length + 1];
            current.CopyTo(next, 0);
            next[^1] = participant;
            Volatile.Write(ref _participants, next);
        }

        return participant;
    }

    /// <summary>Removes a participant from the next tick on; false when it was not in this mixer.</summary>
    public bool Remove(MixerParticipant participant)
    {
        lock (_gate)
        {
            var current = _participants;
            var at = Array.IndexOf(current, participant);
            if (at < 0)
            {
                return false;
            }

            var next = new MixerParticipant[current.Length - 1];
            current.AsSpan(0, at).CopyTo(next);
            current.AsSpan(at + 1).CopyTo(next.AsSpan(at));
            Volatile.Write(ref _participants, next);
            return true;
        }
    }

    /// <summary>
    /// Mixes the inputs supplied since the last tick into every participant's <see cref="MixerParticipant.Output"/>
    /// and <see cref="MixerParticipant.HeardInput"/>, then marks all inputs as consumed.
    /// </summary>
    public void Mix()
    {
        var participants = Volatile.Read(ref _participants);
        var total = _total.AsSpan();
        total.Clear();
        var whispering = false;
        foreach (var participant in participants)
        {
            var audible = Contribute(participant);
            participant.TickWhisperTo = participant.WhisperTo;
            if (participant.TickWhisperTo is not null)
            {
                whispering = true;
            }
            else if (audible)
            {
                TensorPrimitives.Add(total, participant.Contribution, total);
            }
        }

        foreach (var participant in participants)
        {
            if (!whispering)
            {
                // N−1: everyone's sum minus one's own contribution (zero when muted or silent), in one fused pass.
                PcmVector.SubtractSaturate(total, participant.Contribution, participant.OutputBuffer);
            }
            else
            {
                MixWithWhispers(participants, participant, total);
            }
        }
    }

    // A whisperer's own voice is not in the sum, so it hears the sum itself; anyone else hears the sum without
    // their own voice, plus whatever is whispered to them.
    private void MixWithWhispers(MixerParticipant[] participants, MixerParticipant listener, ReadOnlySpan<float> total)
    {
        var heard = _whispered.AsSpan();
        total.CopyTo(heard);
        foreach (var whisperer in participants)
        {
            if (whisperer.TickWhisperTo == listener && whisperer != listener)
            {
                TensorPrimitives.Add(heard, whisperer.Contribution, heard);
            }
        }

        if (listener.TickWhisperTo is null)
        {
            PcmVector.SubtractSaturate(heard, listener.Contribution, listener.OutputBuffer);
        }
        else
        {
            PcmVector.Saturate(heard, listener.OutputBuffer);
        }
    }

    // Fills the participant's contribution for this tick; false when it is silence (muted, silent or at gain 0).
    private static bool Contribute(MixerParticipant participant)
    {
        var contribution = participant.Contribution.AsSpan();
        var gain = participant.Gain;
        var active = participant.HasInput && !participant.IsMuted && gain > 0f;
        participant.HasInput = false;
        if (!active)
        {
            contribution.Clear();
            participant.HeardBuffer.Clear();
            return false;
        }

        PcmVector.Widen(participant.InputBuffer, contribution);
        if (gain != 1f)
        {
            TensorPrimitives.Multiply(contribution, gain, contribution);
            PcmVector.Saturate(contribution, participant.HeardBuffer);
        }
        else
        {
            participant.InputBuffer.CopyTo(participant.HeardBuffer);
        }

        return true;
    }
}
