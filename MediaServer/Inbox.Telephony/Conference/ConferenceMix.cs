using Inbox.Media.Bridging;
using Inbox.Media.Clock;
using Inbox.Media.Codecs;
using Inbox.Telephony.Legs;

namespace Inbox.Telephony.Conference;

/// <summary>
/// The audio of a conference call: every leg's RTP is decoded into a <see cref="ConferenceBridge"/>, which the media
/// clock ticks, and each leg is sent the mix of everyone else in its own codec. The mix runs at 8 kHz: the codecs the
/// phones and trunks offer first are narrowband, and a wideband leg still hears (and is heard) at telephone quality.
/// </summary>
/// <remarks>
/// Joining and leaving happen on the call's executor; <see cref="Tick"/> on a media clock worker. The gate is taken
/// once per tick and at the rare joins and leaves, never contended in steady state: MediaClock.Unregister lets a
/// running tick finish after it returns, and a leaving member's codecs (native Opus) must not be freed under it.
/// </remarks>
internal sealed class ConferenceMix(MediaClock clock, AudioCodecFactory codecs, TimeProvider timeProvider) : IMediaClockClient, IDisposable
{
    /// <summary>The rate every member is decoded to and mixed at (20 ms = 160 samples).</summary>
    public const int SampleRate = 8000;

    private readonly ConferenceBridge _bridge = new(SampleRate);
    private readonly Lock _gate = new();
    private bool _ticking;
    private bool _disposed;

    /// <summary>How many legs are mixed.</summary>
    public int Count => _bridge.Members.Count;

    /// <summary>
    /// Mixes <paramref name="leg"/> in: what it plays itself stops, its packets go to its decoder through
    /// <paramref name="front"/> (its bridge's, so taps survive) or straight from its session when it has none.
    /// </summary>
    public ConferenceMember Join(MediaLeg leg, LegFront? front)
    {
        ArgumentNullException.ThrowIfNull(leg);
        var name = leg.Media.Codec.EncodingName;
        var payloadType = (byte)leg.Media.PayloadType;
        ObjectDisposedException.ThrowIf(_disposed, this);
        var input = new DecodedLegInput(codecs.Create(name), payloadType, SampleRate, timeProvider);
        var output = new EncodedLegOutput(leg.Session, codecs.Create(name), payloadType, SampleRate);
        leg.StopPlayback();
        ConferenceMember member;
        lock (_gate)
        {
            member = _bridge.Join(input, output);
        }

        if (front is null)
        {
            leg.Session.SetHandler(input);
        }
        else
        {
            front.Target = input;
        }

        if (!_ticking)
        {
            _ticking = true;
            clock.Register(this);
        }

        return member;
    }

    /// <summary>
    /// Takes <paramref name="member"/> out of the mix and frees its codecs; the leg's packets stop reaching it first
    /// (<paramref name="front"/>, or its session's handler when it joined without one).
    /// </summary>
    public void Leave(ConferenceMember member, MediaLeg leg, LegFront? front)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(leg);
        if (front is null)
        {
            leg.Session.SetHandler(null);
        }
        else if (ReferenceEquals(front.Target, member.Input))
        {
            front.Target = null;
        }

        lock (_gate)
        {
            if (_disposed || !_bridge.Leave(member))
            {
                return;
            }

            Free(member);
        }
    }

    public void Tick(long tickNumber)
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _bridge.Tick(tickNumber);
            }
        }
    }

    /// <summary>Stops the mix and frees every member's codecs; the legs themselves are their owners' to release.</summary>
    public void Dispose()
    {
        if (_ticking)
        {
            clock.Unregister(this);
        }

        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var member in _bridge.Members)
            {
                Free(member);
            }
        }
    }

    private static void Free(ConferenceMember member)
    {
        member.Input.Dispose();
        member.Output.Dispose();
    }
}
