using Inbox.Media.Mixing;

namespace Inbox.Media.Bridging;

/// <summary>One leg in a <see cref="ConferenceBridge"/>: its decoder, its encoder and its place in the mixer.</summary>
internal sealed class ConferenceMember
{
    private readonly short[] _frame;

    internal ConferenceMember(DecodedLegInput input, EncodedLegOutput output, MixerParticipant participant, int frameSamples)
    {
        Input = input;
        Output = output;
        Participant = participant;
        _frame = new short[frameSamples];
    }

    public DecodedLegInput Input { get; }

    public EncodedLegOutput Output { get; }

    /// <summary>Mute and gain of what the others hear from this member.</summary>
    public MixerParticipant Participant { get; }

    // A member whose buffer is still filling contributes silence rather than nothing, so the mix keeps its shape.
    internal void ReadInput()
    {
        Input.ReadFrame(_frame);
        Participant.SetInput(_frame);
    }
}
