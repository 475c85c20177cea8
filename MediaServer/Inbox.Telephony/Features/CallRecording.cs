using Inbox.Media.Bridging;
using Inbox.Media.Clock;
using Inbox.Media.Recording;

namespace Inbox.Telephony.Features;

/// <summary>
/// One call's recording: each leg's received audio decoded by its own <see cref="DecodedLegInput"/> (fed by the leg's
/// tap, beside the relay, which stays as it was), written every media clock tick by a <see cref="RecordingTap"/> into
/// a stereo <see cref="CallRecorder"/> (customer left, agent right). The agent's decoder changes with the agent (a call
/// retrieved from the park lot by someone else); the file goes on.
/// </summary>
/// <remarks>
/// <see cref="Tick"/> runs on a media clock worker; the rest on the call's executor. The gate is taken once per tick
/// and at the rare switches, never contended in steady state: a tick may still be running when the clock lets go of
/// this client, and the decoders must not be freed under it.
/// </remarks>
internal sealed class CallRecording(string relativePath, CallRecorder recorder, DecodedLegInput customer, MediaClock clock) : IMediaClockClient
{
    private readonly Lock _gate = new();
    private DecodedLegInput? _agent;
    private RecordingTap? _tap;
    private bool _stopped;

    /// <summary>The file, relative to the data folder.</summary>
    public string RelativePath { get; } = relativePath;

    public int SampleRate => recorder.SampleRate;

    /// <summary>The customer's audio as the recording hears it: tap her leg with it.</summary>
    public DecodedLegInput Customer { get; } = customer;

    /// <summary>Starts writing from the next tick.</summary>
    public void Start() => clock.Register(this);

    /// <summary>Records <paramref name="agent"/> on the right from now on (freeing the previous agent's decoder); returns it, to tap her leg with.</summary>
    public DecodedLegInput UseAgent(DecodedLegInput agent)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                agent.Dispose();
                return agent;
            }

            _agent?.Dispose();
            _agent = agent;
            _tap = new RecordingTap(Customer, agent, recorder);
        }

        return agent;
    }

    /// <summary>
    /// What goes into the file as silence: the agent's side while she is muted (the customer cannot hear her, so
    /// neither does the recording); both sides on hold or parked, when nothing of the conversation is going on.
    /// </summary>
    public void Silence(bool agent, bool customer)
    {
        recorder.AgentMuted = agent;
        recorder.CustomerMuted = customer;
    }

    public void Tick(long tickNumber)
    {
        lock (_gate)
        {
            if (!_stopped)
            {
                _tap?.Tick(tickNumber);
            }
        }
    }

    /// <summary>Stops writing, frees the decoders and closes the file (final RIFF sizes).</summary>
    public Task StopAsync()
    {
        clock.Unregister(this);
        lock (_gate)
        {
            if (!_stopped)
            {
                _stopped = true;
                Customer.Dispose();
                _agent?.Dispose();
            }
        }

        return recorder.CloseAsync();
    }
}
