namespace Inbox.Telephony.Phones;

/// <summary>
/// What <see cref="PhoneAuthenticator"/> found: the phone's <see cref="Extension"/> once authenticated; otherwise the
/// <see cref="Challenges"/> to send with 407, or the status and reason of a refusal.
/// </summary>
internal sealed record PhoneAuthentication(string? Extension, IReadOnlyList<string> Challenges, int StatusCode, string? Reason)
{
    public static PhoneAuthentication Authenticated(string extension) => new(extension, [], 0, null);

    public static PhoneAuthentication Challenge(IReadOnlyList<string> challenges) => new(null, challenges, 407, "Proxy Authentication Required");

    public static PhoneAuthentication Refused(int statusCode, string reason) => new(null, [], statusCode, reason);
}
