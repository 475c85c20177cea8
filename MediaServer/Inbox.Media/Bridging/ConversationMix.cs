using Inbox.Media.Players;

namespace Inbox.Media.Bridging;

/// <summary>
/// Both sides of a call as one mono stream, for a supervisor listening in: each frame is the customer's decoded audio
/// plus the agent's, saturated to 16 bits. Each side is decoded by its own <see cref="DecodedLegInput"/>, fed as its
/// leg's session listener beside the relay, which stays as it was; a side with nothing to play adds silence.
/// </summary>
/// <remarks>Read on one media clock worker; disposed once nothing reads it any more (it frees its decoders' codecs).</remarks>
internal sealed class ConversationMix(DecodedLegInput customer, DecodedLegInput agent) : IAudioFrameSource, IDisposable
{
    private readonly short[] _agentFrame = new short[agent.FrameSamples];

    public DecodedLegInput Customer { get; } = customer;

    public DecodedLegInput Agent { get; } = agent;

    public void Read(Span<short> frame)
    {
        Customer.ReadFrame(frame);
        Agent.ReadFrame(_agentFrame);
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (short)Math.Clamp(frame[i] + _agentFrame[i], short.MinValue, short.MaxValue);
        }
    }

    public void Dispose()
    {
        Customer.Dispose();
        Agent.Dispose();
    }
}
