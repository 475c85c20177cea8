using Inbox.Sip.Messages;
using Inbox.Sip.Transport;

namespace Inbox.Sip.Registration;

/// <summary>What the binding table needs from one REGISTER, already authenticated.</summary>
internal sealed record RegistrationRequest(
    string AddressOfRecord,
    IReadOnlyList<SipNameAddress> Contacts,
    int? Expires,
    string CallId,
    long CSeq,
    SipEndPoint Source,
    string? UserAgent);
