namespace Inbox.Sip.Messages;

/// <summary>
/// Writes a message back to bytes from its index: start line, each header line with its original name and value,
/// then the body. Nothing is allocated, so a proxy path can re-serialise without touching the GC.
/// </summary>
internal static class SipMessageWriter
{
    public static bool TryWrite(SipMessage message, Span<byte> destination, out int written)
    {
        written = 0;
        var source = message.Bytes.Span;
        var index = message.Index;
        var headers = index.Headers;
        var startLineEnd = source.IndexOf((byte)'\n') + 1;
        var startLine = source[..startLineEnd].TrimEnd("\r\n"u8);
        if (!TryAppend(startLine, destination, ref written) || !TryAppend("\r\n"u8, destination, ref written))
        {
            return false;
        }

        foreach (var header in headers)
        {
            if (!TryAppend(source.Slice(header.NameOffset, header.NameLength), destination, ref written)
                || !TryAppend(": "u8, destination, ref written)
                || !TryAppend(source[header.Value], destination, ref written)
                || !TryAppend("\r\n"u8, destination, ref written))
            {
                return false;
            }
        }

        return TryAppend("\r\n"u8, destination, ref written)
            && TryAppend(source.Slice(index.BodyOffset, index.BodyLength), destination, ref written);
    }

    private static bool TryAppend(ReadOnlySpan<byte> bytes, Span<byte> destination, ref int written)
    {
        if (!bytes.TryCopyTo(destination[written..]))
        {
            return false;
        }

        written += bytes.Length;
        return true;
    }
}
