using Inbox.Sip.Transport;

namespace Inbox.Sip.Registration;

/// <summary>One registered contact of an address of record (RFC 3261 §10.3).</summary>
/// <param name="AddressOfRecord">The AOR the binding belongs to, e.g. <c>sip:1001@inbox</c>.</param>
/// <param name="Contact">The Contact URI as registered.</param>
/// <param name="Source">Where the REGISTER came from: the flow that reaches a phone behind NAT.</param>
/// <param name="CallId">Call-ID and CSeq of the REGISTER that last refreshed the binding, for ordering.</param>
internal sealed record SipBinding(
    string AddressOfRecord,
    string Contact,
    DateTimeOffset ExpiresAt,
    string CallId,
    long CSeq,
    SipEndPoint Source,
    string? UserAgent,
    DateTimeOffset UpdatedAt);
