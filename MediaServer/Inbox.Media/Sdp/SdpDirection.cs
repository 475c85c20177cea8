namespace Inbox.Media.Sdp;

/// <summary>The media direction attributes (RFC 8866 §6.7, RFC 3264 §5.1), as seen by the side that wrote them.</summary>
internal enum SdpDirection
{
    /// <summary><c>a=sendrecv</c>: sends and receives; the default when no attribute is present.</summary>
    SendRecv,

    /// <summary><c>a=sendonly</c>: sends only (the usual way to put the other side on hold).</summary>
    SendOnly,

    /// <summary><c>a=recvonly</c>: receives only.</summary>
    RecvOnly,

    /// <summary><c>a=inactive</c>: neither sends nor receives.</summary>
    Inactive,
}
