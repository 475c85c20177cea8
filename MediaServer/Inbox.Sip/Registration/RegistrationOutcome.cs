namespace Inbox.Sip.Registration;

/// <summary>The result of applying a REGISTER: the bindings now in force, or why nothing changed.</summary>
internal sealed record RegistrationOutcome(int StatusCode, string ReasonPhrase, IReadOnlyList<SipBinding> Bindings)
{
    public static RegistrationOutcome Ok(IReadOnlyList<SipBinding> bindings) => new(200, "OK", bindings);

    public static RegistrationOutcome Rejected(int statusCode, string reasonPhrase) => new(statusCode, reasonPhrase, []);
}
