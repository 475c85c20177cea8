using Inbox.Sip.Auth;
using Inbox.Sip.Messages;

namespace Inbox.Telephony.Phones;

/// <summary>
/// Authenticates a call an agent's phone places through the server with the digest credentials it registers with
/// (RFC 3261 §22, RFC 7616): the From user is the extension, and only its own secret may vouch for it. Thread-safe.
/// </summary>
/// <remarks>
/// The server acts as the phones' outbound proxy, so it challenges with 407 Proxy-Authenticate (RFC 3261 §22.3, as
/// FreeSWITCH does); credentials are read from Proxy-Authorization, or Authorization for a phone that answers with it.
/// </remarks>
internal sealed class PhoneAuthenticator(DigestAuthenticator authenticator, IDigestCredentialStore credentials)
{
    public async ValueTask<PhoneAuthentication> AuthenticateAsync(SipRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.From.Uri.User is not { } extension)
        {
            return PhoneAuthentication.Refused(403, "the From URI names no extension");
        }

        var header = request.GetHeader(SipHeaderId.ProxyAuthorization) ?? request.GetHeader(SipHeaderId.Authorization);
        if (header is null)
        {
            return await ChallengeAsync(extension, stale: false, cancellationToken).ConfigureAwait(false);
        }

        var result = await authenticator.VerifyAsync(header, request.MethodName, requestUri: null, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            DigestVerificationStatus.Stale => await ChallengeAsync(extension, stale: true, cancellationToken).ConfigureAwait(false),
            DigestVerificationStatus.Malformed => PhoneAuthentication.Refused(400, "malformed Proxy-Authorization header"),
            // The same rule as the registrar's (RFC 3261 §10.3 step 3): credentials vouch only for their own extension.
            DigestVerificationStatus.Success when !string.Equals(result.Username, extension, StringComparison.Ordinal) =>
                PhoneAuthentication.Refused(403, "the credentials do not match the From URI"),
            DigestVerificationStatus.Success => PhoneAuthentication.Authenticated(extension),
            _ => PhoneAuthentication.Refused(403, "wrong credentials"),
        };
    }

    private async ValueTask<PhoneAuthentication> ChallengeAsync(string extension, bool stale, CancellationToken cancellationToken)
    {
        // Offer only what this extension's stored secret can verify (an MD5-only HA1 cannot check SHA-256).
        var credential = await credentials.FindAsync(extension, authenticator.Realm, cancellationToken).ConfigureAwait(false);
        return PhoneAuthentication.Challenge(authenticator.CreateChallenges(stale, credential));
    }
}
