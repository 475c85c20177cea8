namespace Inbox.Media.Sdp;

/// <summary>One media description: an <c>m=</c> line and the lines under it (RFC 8866 §5.14).</summary>
internal sealed class SdpMedia
{
    /// <summary>The media type (<c>audio</c>, <c>video</c>, ...).</summary>
    public required string MediaType { get; set; }

    /// <summary>The transport port; 0 marks a rejected or disabled stream (RFC 3264 §6).</summary>
    public int Port { get; set; }

    /// <summary>The number of ports after a slash, when written (RFC 8866 §5.14); null otherwise.</summary>
    public int? PortCount { get; set; }

    /// <summary>The transport protocol, for example <c>RTP/AVP</c>.</summary>
    public required string Protocol { get; set; }

    /// <summary>The payload types in <c>m=</c> line order (preference order), for RTP protocols.</summary>
    public List<SdpMediaFormat> Formats { get; } = [];

    /// <summary>
    /// For protocols that are not RTP, the format list of the <c>m=</c> line verbatim; null for RTP media. Their
    /// rtpmap and fmtp lines, if any, stay in <see cref="Attributes"/>.
    /// </summary>
    public string? RawFormats { get; set; }

    /// <summary>The media-level <c>c=</c> line, or null to use the session's.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>The media-level direction, or null to inherit the session's (itself sendrecv by default).</summary>
    public SdpDirection? Direction { get; set; }

    /// <summary><c>a=ptime</c> in milliseconds, or null when absent.</summary>
    public int? Ptime { get; set; }

    /// <summary><c>a=maxptime</c> in milliseconds, or null when absent.</summary>
    public int? MaxPtime { get; set; }

    /// <summary><c>a=rtcp</c> port (RFC 3605), or null when absent (RTCP is then on port + 1).</summary>
    public int? RtcpPort { get; set; }

    /// <summary>The address of <c>a=rtcp</c>, when it names one.</summary>
    public SdpConnection? RtcpConnection { get; set; }

    /// <summary><c>a=rtcp-mux</c> (RFC 5761): RTP and RTCP share the port. Default false.</summary>
    public bool RtcpMux { get; set; }

    /// <summary>Attributes not modelled above, in their original order.</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>Media-level <c>i=</c>, <c>b=</c> and <c>k=</c> lines, in their original order.</summary>
    public List<SdpLine> OtherLines { get; } = [];

    /// <summary>The format with this payload type, or null.</summary>
    public SdpMediaFormat? FindFormat(int payloadType)
    {
        foreach (var format in Formats)
        {
            if (format.PayloadType == payloadType)
            {
                return format;
            }
        }

        return null;
    }
}
