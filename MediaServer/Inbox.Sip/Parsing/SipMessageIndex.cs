using Inbox.Sip.Messages;

namespace Inbox.Sip.Parsing;

/// <summary>
/// Where each part of one message lies in its buffer. Reusable: <see cref="SipParser"/> resets and refills it,
/// so a receive loop can index every datagram without allocating.
/// </summary>
internal sealed class SipMessageIndex
{
    /// <summary>More header lines than this is an attack or a broken peer, not a SIP message.</summary>
    public const int MaxHeaders = 256;

    private SipHeaderEntry[] _headers = new SipHeaderEntry[32];

    public bool IsRequest { get; set; }

    public SipMethod Method { get; set; }

    public Range MethodName { get; set; }

    public Range RequestUri { get; set; }

    public int StatusCode { get; set; }

    public Range ReasonPhrase { get; set; }

    /// <summary>Offset of the first byte after the blank line that ends the headers.</summary>
    public int BodyOffset { get; set; }

    public int BodyLength { get; set; }

    /// <summary>Bytes the message occupies: start line, headers, blank line and body.</summary>
    public int MessageLength => BodyOffset + BodyLength;

    /// <summary>The Content-Length value, or -1 when the header is absent.</summary>
    public int ContentLength { get; set; }

    public bool HasFoldedLines { get; set; }

    public int HeaderCount { get; private set; }

    public ReadOnlySpan<SipHeaderEntry> Headers => _headers.AsSpan(0, HeaderCount);

    public void Reset()
    {
        HeaderCount = 0;
        IsRequest = false;
        Method = SipMethod.Extension;
        StatusCode = 0;
        BodyOffset = 0;
        BodyLength = 0;
        ContentLength = -1;
        HasFoldedLines = false;
    }

    public bool TryAdd(in SipHeaderEntry entry)
    {
        if (HeaderCount == _headers.Length)
        {
            if (HeaderCount == MaxHeaders)
            {
                return false;
            }

            Array.Resize(ref _headers, Math.Min(MaxHeaders, Math.Max(8, _headers.Length * 2)));
        }

        _headers[HeaderCount++] = entry;
        return true;
    }

    public int IndexOf(SipHeaderId id, int start = 0)
    {
        for (var i = start; i < HeaderCount; i++)
        {
            if (_headers[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>An exact copy, for a message that keeps its index after the reusable one moves on.</summary>
    public SipMessageIndex Clone()
    {
        var copy = (SipMessageIndex)MemberwiseClone();
        copy._headers = _headers.AsSpan(0, HeaderCount).ToArray();
        return copy;
    }
}
