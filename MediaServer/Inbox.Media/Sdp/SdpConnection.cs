namespace Inbox.Media.Sdp;

/// <summary>An SDP <c>c=IN &lt;addrtype&gt; &lt;address&gt;</c> line (RFC 8866 §5.7).</summary>
/// <param name="AddressType">IP4 or IP6.</param>
/// <param name="Address">The address as written: a literal, a host name, or a multicast address with /ttl.</param>
internal sealed record SdpConnection(SdpAddressType AddressType, string Address)
{
    /// <summary>
    /// True for 0.0.0.0 (or ::): the pre-RFC 3264 way to put a stream on hold (RFC 3264 §8.4), meaning "do not
    /// send to me".
    /// </summary>
    public bool IsUnspecified => Address is "0.0.0.0" or "::";
}
