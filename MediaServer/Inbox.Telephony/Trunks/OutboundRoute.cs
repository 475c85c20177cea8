namespace Inbox.Telephony.Trunks;

/// <summary>
/// How a number is reached: the trunk, the number as the inbox files it (after <c>Telephony:DialRules</c>, e.g.
/// <c>+34600123456</c>) and as the trunk's Request-URI carries it (after the trunk's own rules).
/// </summary>
internal sealed record OutboundRoute(Trunk Trunk, string Number, string Dialled);
