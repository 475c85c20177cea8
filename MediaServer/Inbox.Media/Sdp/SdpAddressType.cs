namespace Inbox.Media.Sdp;

/// <summary>The address type of an SDP <c>o=</c> or <c>c=</c> line (RFC 8866 §5.7); the network type is always IN.</summary>
internal enum SdpAddressType
{
    /// <summary>IPv4.</summary>
    IP4,

    /// <summary>IPv6.</summary>
    IP6,
}
