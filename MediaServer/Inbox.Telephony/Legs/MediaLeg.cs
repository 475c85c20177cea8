using Inbox.Media.Bridging;
using Inbox.Media.Clock;
using Inbox.Media.Players;
using Inbox.Media.Sdp;
using Inbox.Media.Sessions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// One call leg's media: its RTP session (and so its ports), the encoder towards the peer, and what is played into
/// it on the media clock: hold music, silence (the agent muted), or the other leg's decoded audio when the two are
/// transcoded. Created by <see cref="MediaLegFactory"/>; <see cref="Dispose"/> stops playout, closes the sockets (the
/// ports go back to the allocator) and frees the codecs.
/// </summary>
internal sealed class MediaLeg : IMediaClockClient, IDisposable
{
    private readonly MediaClock _clock;
    private readonly EncodedLegOutput _output;
    private readonly PlayerFeed _music;
    private readonly PlayerFeed _silence;
    private readonly CancellationTokenSource? _receiveLoop;

    // Taken once per 20 ms tick and at the rare switches (bridge, hold, dispose), never contended in steady state:
    // MediaClock.Unregister lets a running tick finish after it returns, and the codecs (native Opus) must not be
    // freed under that tick.
    private readonly Lock _gate = new();
    private IMediaClockClient _source;
    private DecodedLegInput? _input;
    private TranscodingBridge? _bridge;
    private bool _playing;
    private bool _disposed;

    public MediaLeg(
        MediaClock clock, RtpSession session, EncodedLegOutput output, PlayerFeed music, SdpNegotiatedMedia media, byte[] localSdp,
        CancellationTokenSource? receiveLoop)
    {
        _clock = clock;
        Session = session;
        _output = output;
        _music = music;
        _silence = new PlayerFeed(SilenceSource.Instance, output);
        _source = music;
        Media = media;
        LocalSdp = localSdp;
        _receiveLoop = receiveLoop;
    }

    public RtpSession Session { get; }

    /// <summary>What was agreed with the peer.</summary>
    public SdpNegotiatedMedia Media { get; }

    /// <summary>Our SDP, UTF-8: the answer to a caller's offer, or the offer made to an agent's phone.</summary>
    public byte[] LocalSdp { get; }

    /// <summary>The rate the encoder towards the peer takes PCM at.</summary>
    public int OutputRate => _output.InputRate;

    /// <summary>Whether the other leg's audio reaches this one decoded (<see cref="PlayFrom"/>), not relayed.</summary>
    public bool IsTranscoded => _input is not null;

    /// <summary>Starts sending the current source to the peer, from the next media clock tick.</summary>
    public void StartPlayback()
    {
        lock (_gate)
        {
            if (_playing || _disposed)
            {
                return;
            }

            _playing = true;
        }

        _clock.Register(this);
    }

    /// <summary>Stops the source, e.g. before the other leg's packets are relayed into this one.</summary>
    public void StopPlayback()
    {
        lock (_gate)
        {
            if (!_playing)
            {
                return;
            }

            _playing = false;
        }

        _clock.Unregister(this);
    }

    /// <summary>Plays the leg's hold music (the campaign's, for a customer; silence for an agent's phone).</summary>
    public void PlayHoldMusic() => Play(_music);

    /// <summary>
    /// Plays <paramref name="source"/> (at <see cref="OutputRate"/>) until something else is played: a call-progress
    /// tone (ringback while an outbound call rings), or the conversation a supervisor listens to.
    /// </summary>
    public void PlaySource(IAudioFrameSource source) => Play(new PlayerFeed(source, _output));

    /// <summary>Plays digital silence: the far end keeps receiving a stream, with nothing in it.</summary>
    public void PlaySilence() => Play(_silence);

    /// <summary>Plays the other leg's decoded audio again after hold music or silence; false when there is none.</summary>
    public bool PlayBridged()
    {
        if (_bridge is not { } bridge)
        {
            return false;
        }

        Play(bridge);
        return true;
    }

    /// <summary>
    /// Plays the other leg's decoded audio instead of the hold music (the transcoding bridge towards this peer). The
    /// leg owns <paramref name="input"/> from now on: it is read on this leg's ticks and freed with it.
    /// </summary>
    public void PlayFrom(DecodedLegInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        lock (_gate)
        {
            if (_disposed)
            {
                input.Dispose();
                return;
            }

            _input?.Dispose();
            _input = input;
            _bridge = new TranscodingBridge(input, _output);
            _source = _bridge;
        }

        StartPlayback();
    }

    public void Tick(long tickNumber)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _source.Tick(tickNumber);
            }
        }
    }

    public void Dispose()
    {
        bool wasPlaying;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            wasPlaying = _playing;
        }

        if (wasPlaying)
        {
            _clock.Unregister(this);
        }

        Session.SetHandler(null);
        _receiveLoop?.Cancel();
        Session.Dispose();
        _receiveLoop?.Dispose();
        lock (_gate)
        {
            _output.Dispose();
            _input?.Dispose();
        }
    }

    private void Play(IMediaClockClient source)
    {
        lock (_gate)
        {
            _source = source;
        }

        StartPlayback();
    }
}
