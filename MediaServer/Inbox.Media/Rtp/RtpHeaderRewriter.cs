using System.Buffers.Binary;

namespace Inbox.Media.Rtp;

/// <summary>
/// Rewrites SSRC, sequence number and timestamp of an RTP packet in place, for the same-codec relay fast path
/// (receive, rewrite, send). One length check, no allocation; stateless and thread-safe (the caller owns the buffer).
/// </summary>
internal static class RtpHeaderRewriter
{
    /// <summary>Overwrites the sequence number, timestamp (RTP clock units) and SSRC of <paramref name="packet"/>.</summary>
    /// <returns>False, changing nothing, when the packet is shorter than the 12-byte fixed header.</returns>
    public static bool TryRewrite(Span<byte> packet, uint ssrc, ushort sequenceNumber, uint timestamp)
    {
        if (packet.Length < RtpHeader.FixedLength)
        {
            return false;
        }

        // Slicing to the constant length lets the JIT drop the bounds checks of the three writes below.
        var fixedHeader = packet[..RtpHeader.FixedLength];
        BinaryPrimitives.WriteUInt16BigEndian(fixedHeader[2..], sequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(fixedHeader[4..], timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(fixedHeader[8..], ssrc);
        return true;
    }

    /// <summary>
    /// Sets the SSRC and adds fixed offsets (modulo 2^16 and 2^32) to the sequence number and timestamp, the usual
    /// mapping of a relayed stream onto the outgoing leg's numbering.
    /// </summary>
    /// <returns>False, changing nothing, when the packet is shorter than the 12-byte fixed header.</returns>
    public static bool TryShift(Span<byte> packet, uint ssrc, ushort sequenceOffset, uint timestampOffset)
    {
        if (packet.Length < RtpHeader.FixedLength)
        {
            return false;
        }

        var fixedHeader = packet[..RtpHeader.FixedLength];
        var sequence = fixedHeader[2..];
        var timestamp = fixedHeader[4..];
        BinaryPrimitives.WriteUInt16BigEndian(sequence, unchecked((ushort)(BinaryPrimitives.ReadUInt16BigEndian(sequence) + sequenceOffset)));
        BinaryPrimitives.WriteUInt32BigEndian(timestamp, unchecked(BinaryPrimitives.ReadUInt32BigEndian(timestamp) + timestampOffset));
        BinaryPrimitives.WriteUInt32BigEndian(fixedHeader[8..], ssrc);
        return true;
    }
}
