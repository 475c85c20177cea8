namespace Inbox.Media.Sdp;

/// <summary>
/// A session description (RFC 8866): the session-level lines and the media descriptions. Parsed by
/// <see cref="SdpParser"/>, written by <see cref="SdpWriter"/>. Mutable and not thread-safe; build, then share.
/// </summary>
internal sealed class SdpSessionDescription
{
    /// <summary>The <c>o=</c> line.</summary>
    public required SdpOrigin Origin { get; set; }

    /// <summary>The <c>s=</c> value; "-" is the customary value when there is no name (RFC 8866 §5.3).</summary>
    public string SessionName { get; set; } = "-";

    /// <summary>The session-level <c>c=</c> line, or null when every media description has its own.</summary>
    public SdpConnection? Connection { get; set; }

    /// <summary>The first <c>t=</c> line's value. Default "0 0" (an unbounded session, as SIP uses).</summary>
    public string Timing { get; set; } = "0 0";

    /// <summary>The session-level direction, or null when not stated (sendrecv).</summary>
    public SdpDirection? Direction { get; set; }

    /// <summary>Session-level attributes not modelled, in their original order.</summary>
    public List<SdpAttribute> Attributes { get; } = [];

    /// <summary>Session-level lines kept verbatim (<c>i u e p b r z k</c>, extra <c>t</c>), in their original order.</summary>
    public List<SdpLine> OtherLines { get; } = [];

    /// <summary>The media descriptions in order.</summary>
    public List<SdpMedia> Media { get; } = [];

    /// <summary>The direction in force for a media description: its own, else the session's, else sendrecv.</summary>
    public SdpDirection GetDirection(SdpMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Direction ?? Direction ?? SdpDirection.SendRecv;
    }

    /// <summary>The connection in force for a media description: its own, else the session's.</summary>
    public SdpConnection? GetConnection(SdpMedia media)
    {
        ArgumentNullException.ThrowIfNull(media);
        return media.Connection ?? Connection;
    }
}
