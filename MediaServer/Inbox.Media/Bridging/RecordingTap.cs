using Inbox.Media.Clock;
using Inbox.Media.Recording;

namespace Inbox.Media.Bridging;

/// <summary>
/// Feeds a call recording each media clock tick: the customer leg on the left channel, the agent leg on the right.
/// A side whose jitter buffer has nothing to play is recorded as silence, so the channels stay in step.
/// </summary>
internal sealed class RecordingTap(DecodedLegInput customer, DecodedLegInput agent, CallRecorder recorder) : IMediaClockClient
{
    private readonly short[] _customer = new short[recorder.FrameSamples];
    private readonly short[] _agent = new short[recorder.FrameSamples];

    public void Tick(long tickNumber)
    {
        customer.ReadFrame(_customer);
        agent.ReadFrame(_agent);
        recorder.Write(_customer, _agent);
    }
}
