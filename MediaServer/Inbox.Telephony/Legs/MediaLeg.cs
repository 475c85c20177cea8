using Inbox.Media.Bridging;
using Inbox.Media.Clock;
using Inbox.Media.Sdp;
using Inbox.Media.Sessions;

namespace Inbox.Telephony.Legs;

/// <summary>
/// One call leg's media: its RTP session (and so its ports), the encoder towards the caller, and the source played
/// into it on the media clock. Created by <see cref="MediaLegFactory"/>; <see cref="Dispose"/> stops playout, closes
/// the sockets (the ports go back to the allocator) and frees the codec.
/// </summary>
internal sealed class MediaLeg : IMediaClockClient, IDisposable
{
    private readonly MediaClock _clock;
    private readonly PlayerFeed _feed;
    private readonly EncodedLegOutput _output;
    private readonly CancellationTokenSource? _receiveLoop;

    // Taken once per 20 ms tick and once at dispose, never contended in steady state: MediaClock.Unregister lets a
    // running tick finish after it returns, and the codec (native Opus) must not be freed under that tick.
    private readonly Lock _gate = new();
    private bool _playing;
    private bool _disposed;

    public MediaLeg(
        MediaClock clock, RtpSession session, EncodedLegOutput output, PlayerFeed feed, SdpNegotiatedMedia media, byte[] answer,
        CancellationTokenSource? receiveLoop)
    {
        _clock = clock;
        Session = session;
        _output = output;
        _feed = feed;
        Media = media;
        Answer = answer;
        _receiveLoop = receiveLoop;
    }

    public RtpSession Session { get; }

    /// <summary>What was agreed with the caller.</summary>
    public SdpNegotiatedMedia Media { get; }

    /// <summary>Our SDP answer, UTF-8.</summary>
    public byte[] Answer { get; }

    /// <summary>Starts sending the source to the caller, from the next media clock tick.</summary>
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

    public void Tick(long tickNumber)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _feed.Tick(tickNumber);
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

        _receiveLoop?.Cancel();
        Session.Dispose();
        _receiveLoop?.Dispose();
        _output.Dispose();
    }
}
