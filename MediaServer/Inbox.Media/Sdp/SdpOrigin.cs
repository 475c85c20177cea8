namespace Inbox.Media.Sdp;

/// <summary>An SDP <c>o=</c> line (RFC 8866 §5.2). The network type is always IN.</summary>
/// <param name="Username">The user name, "-" when there is none.</param>
/// <param name="SessionId">The session id, kept as written (a numeric string, possibly wider than 64 bits).</param>
/// <param name="SessionVersion">The version, increased on every new offer of the session (RFC 3264 §8).</param>
/// <param name="AddressType">IP4 or IP6.</param>
/// <param name="Address">The originating host's address.</param>
internal sealed record SdpOrigin(string Username, string SessionId, ulong SessionVersion, SdpAddressType AddressType, string Address);
