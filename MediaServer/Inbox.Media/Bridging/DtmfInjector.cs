using System.Collections.Concurrent;
using Inbox.Media.Clock;
using Inbox.Media.Dtmf;
using Inbox.Media.Mixing;
using Inbox.Media.Rtp;
using Inbox.Media.Sessions;

namespace Inbox.Media.Bridging;

/// <summary>
/// Sends digits into a leg as RFC 4733 telephone events (the agent's keypad toward a customer, an IVR or a trunk):
/// one event packet per media clock tick, three end packets, the minimum gap between digits. While a digit is being
/// sent the leg's other audio is held back (<see cref="RtpSession.IsInjecting"/>), and the events go through the leg's
/// stream mapper, so the far end sees one continuous stream before, during and after.
/// </summary>
/// <remarks><see cref="Enqueue"/> is thread-safe; <see cref="Tick"/> runs on one media clock worker.</remarks>
internal sealed class DtmfInjector(RtpSession target, byte payloadType, int clockRate) : IMediaClockClient
{
    private readonly ConcurrentQueue<char> _digits = new();
    private readonly DtmfSender _sender = new(clockRate, MediaClockOptions.TickPeriod);
    private readonly byte[] _packet = new byte[RtpHeader.FixedLength + DtmfEvent.Length];
    private readonly uint _ssrc = (uint)Random.Shared.NextInt64(uint.MaxValue);
    private readonly uint _frameUnits = (uint)AudioFrame.SamplesFor(clockRate);
    private ushort _sequence = (ushort)Random.Shared.Next(ushort.MaxValue);
    private uint _clock = (uint)Random.Shared.NextInt64(uint.MaxValue);
    private bool _holdsTarget;
    private bool _sentAny;

    /// <summary>Queues digits (0-9, *, #, A-D) to send in order; other characters are rejected.</summary>
    /// <returns>False, queueing nothing, when <paramref name="digits"/> holds a character that is not a DTMF digit.</returns>
    public bool Enqueue(string digits)
    {
        foreach (var digit in digits)
        {
            if (!DtmfEvent.TryGetCode(digit, out _))
            {
                return false;
            }
        }

        foreach (var digit in digits)
        {
            _digits.Enqueue(digit);
        }

        return true;
    }

    /// <summary>Digits queued or being sent.</summary>
    public bool IsBusy => _sender.IsSending || !_digits.IsEmpty;

    public void Tick(long tickNumber)
    {
        _clock += _frameUnits;
        if (!_sender.IsSending && !TryStartNext())
        {
            return;
        }

        if (!_sender.TryWriteNext(_packet.AsSpan(RtpHeader.FixedLength), out var dtmf))
        {
            return;
        }

        var header = new RtpHeader(payloadType, dtmf.Marker, _sequence++, dtmf.Timestamp, _ssrc);
        header.TryWrite(_packet, out _);
        target.Output.Map(_packet, header);
        target.Send(_packet);
        if (!_sender.IsSending && _digits.IsEmpty)
        {
            Release();
        }
    }

    private bool TryStartNext()
    {
        if (!_digits.TryPeek(out var digit))
        {
            return false;
        }

        // The gap after a digit (50 ms, RFC 4733 guidance) is kept through the sender's earliest next timestamp.
        if (_sentAny && unchecked((int)(_clock - _sender.EarliestNextTimestamp)) < 0)
        {
            return false;
        }

        if (!_holdsTarget)
        {
            if (!target.TryBeginInjection())
            {
                return false;
            }

            _holdsTarget = true;
        }

        _digits.TryDequeue(out _);
        _sentAny = true;
        return _sender.TryStart(digit, _clock);
    }

    private void Release()
    {
        _holdsTarget = false;
        target.EndInjection();
    }
}
