using System.Buffers.Binary;

namespace Inbox.Media.Rtcp;

/// <summary>One report block of an XR packet (RFC 3611 §3), any type. A view over the packet bytes.</summary>
internal readonly ref struct RtcpXrBlock
{
    private RtcpXrBlock(ReadOnlySpan<byte> data) => Data = data;

    /// <summary>Block type (BT): 7 is VoIP Metrics.</summary>
    public byte BlockType => Data[0];

    /// <summary>The type-specific octet after the block type.</summary>
    public byte TypeSpecific => Data[1];

    /// <summary>The whole block, its 4-byte header included.</summary>
    public ReadOnlySpan<byte> Data { get; }

    /// <summary>Reads the block at the start of <paramref name="data"/>. Never throws.</summary>
    /// <returns>False when fewer than 4 bytes remain or the block length runs past them.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, out RtcpXrBlock block)
    {
        block = default;
        if (data.Length < 4)
        {
            return false;
        }

        // RFC 3611 §3: block length is in 32-bit words minus one, header included.
        var length = (BinaryPrimitives.ReadUInt16BigEndian(data[2..]) + 1) * 4;
        if (length > data.Length)
        {
            return false;
        }

        block = new RtcpXrBlock(data[..length]);
        return true;
    }
}
