namespace Inbox.Media.Rtcp;

/// <summary>Enumerates the report blocks of an XR packet already validated by <see cref="RtcpXrPacket.TryParse"/>.</summary>
internal ref struct RtcpXrBlockEnumerator
{
    private ReadOnlySpan<byte> _remaining;

    internal RtcpXrBlockEnumerator(ReadOnlySpan<byte> blocks)
    {
        _remaining = blocks;
        Current = default;
    }

    /// <summary>The block at the current position.</summary>
    public RtcpXrBlock Current { get; private set; }

    /// <summary>Returns this enumerator, so <c>foreach</c> works on it directly.</summary>
    public readonly RtcpXrBlockEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next block; false after the last one.</summary>
    public bool MoveNext()
    {
        if (!RtcpXrBlock.TryRead(_remaining, out var block))
        {
            return false;
        }

        Current = block;
        _remaining = _remaining[block.Data.Length..];
        return true;
    }
}
