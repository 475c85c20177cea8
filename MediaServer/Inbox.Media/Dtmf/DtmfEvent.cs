using System.Buffers.Binary;

namespace Inbox.Media.Dtmf;

/// <summary>
/// One RFC 4733 §2.3 telephone-event payload block: event code, end (E) bit, volume and duration.
/// </summary>
/// <remarks>
/// Wire layout (4 bytes, big-endian): event (8 bits) | E (1) | R (1) | volume (6) | duration (16). Volume is the power
/// level in −dBm0 (0–63); duration is in RTP timestamp units of the telephone-event clock (usually 8000 Hz).
/// Immutable and thread-safe.
/// </remarks>
internal readonly struct DtmfEvent
{
    /// <summary>Length in bytes of one event block.</summary>
    public const int Length = 4;

    /// <summary>Largest volume the 6-bit field carries (−63 dBm0).</summary>
    public const byte MaxVolume = 63;

    /// <summary>Highest DTMF event code: 0–9 digits, 10 '*', 11 '#', 12–15 'A'–'D' (RFC 4733 §3.2).</summary>
    public const byte MaxDtmfCode = 15;

    /// <summary>Creates an event block.</summary>
    /// <param name="code">Event code, 0–255 (0–15 for DTMF).</param>
    /// <param name="end">The E bit: this packet ends the event.</param>
    /// <param name="volume">Power level in −dBm0, 0–63.</param>
    /// <param name="duration">Duration so far in RTP timestamp units.</param>
    public DtmfEvent(byte code, bool end, byte volume, ushort duration)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(volume, MaxVolume);
        Code = code;
        End = end;
        Volume = volume;
        Duration = duration;
    }

    /// <summary>Event code (RFC 4733 §3.2 for DTMF).</summary>
    public byte Code { get; }

    /// <summary>The E bit: the final packet(s) of the event.</summary>
    public bool End { get; }

    /// <summary>Power level in −dBm0, 0–63.</summary>
    public byte Volume { get; }

    /// <summary>Duration of the event so far, in RTP timestamp units.</summary>
    public ushort Duration { get; }

    /// <summary>
    /// Reads the first event block of a telephone-event payload. The R bit is ignored as §2.3.3 requires. Never throws.
    /// </summary>
    /// <returns>False when the payload is shorter than 4 bytes.</returns>
    public static bool TryParse(ReadOnlySpan<byte> payload, out DtmfEvent value)
    {
        if (payload.Length < Length)
        {
            value = default;
            return false;
        }

        var flags = payload[1];
        value = new DtmfEvent(payload[0], (flags & 0x80) != 0, (byte)(flags & 0x3F), BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the 4-byte block with R = 0.</summary>
    /// <returns>False, writing nothing, when <paramref name="destination"/> is shorter than 4 bytes.</returns>
    public bool TryWrite(Span<byte> destination, out int written)
    {
        if (destination.Length < Length)
        {
            written = 0;
            return false;
        }

        destination[0] = Code;
        destination[1] = (byte)((End ? 0x80 : 0) | Volume);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        written = Length;
        return true;
    }

    /// <summary>The DTMF character of this event ('0'–'9', '*', '#', 'A'–'D'), when it is a DTMF event.</summary>
    public bool TryGetDigit(out char digit) => TryGetDigit(Code, out digit);

    /// <summary>Maps an RFC 4733 §3.2 event code 0–15 to its DTMF character.</summary>
    public static bool TryGetDigit(byte code, out char digit)
    {
        digit = code switch
        {
            <= 9 => (char)('0' + code),
            10 => '*',
            11 => '#',
            <= MaxDtmfCode => (char)('A' + code - 12),
            _ => '\0',
        };
        return digit != '\0';
    }

    /// <summary>Maps a DTMF character ('0'–'9', '*', '#', 'A'–'D' or 'a'–'d') to its RFC 4733 §3.2 event code.</summary>
    public static bool TryGetCode(char digit, out byte code)
    {
        var value = digit switch
        {
            >= '0' and <= '9' => digit - '0',
            '*' => 10,
            '#' => 11,
            >= 'A' and <= 'D' => digit - 'A' + 12,
            >= 'a' and <= 'd' => digit - 'a' + 12,
            _ => -1,
        };
        code = (byte)Math.Max(value, 0);
        return value >= 0;
    }
}
