namespace Inbox.Media.Rtcp;

/// <summary>Enumerates the chunks of an SDES packet already validated by <see cref="RtcpSdesPacket.TryParse"/>.</summary>
internal ref struct RtcpSdesChunkEnumerator
{
    private ReadOnlySpan<byte> _remaining;
    private int _left;

    internal RtcpSdesChunkEnumerator(ReadOnlySpan<byte> chunks, int count)
    {
        _remaining = chunks;
        _left = count;
        Current = default;
    }

    /// <summary>The chunk at the current position.</summary>
    public RtcpSdesChunk Current { get; private set; }

    /// <summary>Returns this enumerator, so <c>foreach</c> works on it directly.</summary>
    public readonly RtcpSdesChunkEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next chunk; false after the last one.</summary>
    public bool MoveNext()
    {
        if (_left == 0 || !RtcpSdesChunk.TryRead(_remaining, out var chunk, out var consumed))
        {
            return false;
        }

        Current = chunk;
        _remaining = _remaining[consumed..];
        _left--;
        return true;
    }
}
