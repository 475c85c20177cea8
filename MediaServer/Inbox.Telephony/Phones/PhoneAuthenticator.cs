using Inbox.Sip.Auth;
using Inbox.Sip.Messages;

namespace Inbox.Telephony.Phones;

/// <summary>
/// Authenticates a call an agent's phone places through the server with the digest credentials it registers with
/// (RFC 3261 §22, RFC 7616): the From user is the extension, and only its own secret may vouch for it; the
/// credentials must name the number the INVITE dials. Thread-safe.
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

        // Credentials for other realms are not ours to judge: without any for ours, the phone is challenged for it (RFC 3261 §22.3).
        if (CredentialsForOurRealm(request) is not var (header, authorization))
        {
            return await ChallengeAsync(extension, stale: false, cancellationToken).ConfigureAwait(false);
        }

        // The digest uri must name what the Request-URI does (RFC 7616 §3.4.6): the number dialled is what is paid for.
        if (!SipUri.TryParse(authorization.Uri, out var digestUri) || !SameResource(digestUri, request.RequestUri))
        {
            return PhoneAuthentication.Refused(400, $"the credentials' uri {authorization.Uri} does not name the Request-URI {request.RequestUriText}");
        }

        var result = await authenticator.VerifyAsync(header, request.MethodName, requestUri: null, cancellationToken).ConfigureAwait(false);
        return result.Status switch
        {
            DigestVerificationStatus.Stale => await ChallengeAsync(extension, stale: true, cancellationToken).ConfigureAwait(false),
            // The same rule as the registrar's (RFC 3261 §10.3 step 3): credentials vouch only for their own extension.
            DigestVerificationStatus.Success when !string.Equals(result.Username, extension, StringComparison.Ordinal) =>
                PhoneAuthentication.Refused(403, "the credentials do not match the From URI"),
            DigestVerificationStatus.Success => PhoneAuthentication.Authenticated(extension),
            _ => PhoneAuthentication.Refused(403, "wrong credentials"),
        };
    }

    // The first Proxy-Authorization (else Authorization) value in our realm; one that is not Digest is ignored alike.
    private (string Header, DigestAuthorization Authorization)? CredentialsForOurRealm(SipRequest request)
    {
        foreach (var id in (ReadOnlySpan<SipHeaderId>)[SipHeaderId.ProxyAuthorization, SipHeaderId.Authorization])
        {
            foreach (var (name, value) in request.HeaderLines())
            {
                if (SipHeaderNames.Lookup(name) == id && DigestAuthorization.TryParse(value, out var authorization)
                    && string.Equals(authorization!.Realm, authenticator.Realm, StringComparison.Ordinal))
                {
                    return (value, authorization);
                }
            }
        }

        return null;
    }

    // Scheme, user, host and port: a phone copies its Request-URI into the credentials, parameters aside.
    // Some UAs (SIPp among them) put only the server's host and port in the digest uri: accepted, but a uri that names
    // a user must name the one dialled.
    private static bool SameResource(SipUri digestUri, SipUri requestUri) =>
        string.Equals(digestUri.Scheme, requestUri.Scheme, StringComparison.OrdinalIgnoreCase)
        && (digestUri.User is null || string.Equals(digestUri.User, requestUri.User, StringComparison.Ordinal))
        && string.Equals(digestUri.Host, requestUri.Host, StringComparison.OrdinalIgnoreCase)
        && digestUri.Port == requestUri.Port;

    private async ValueTask<PhoneAuthentication> ChallengeAsync(string extension, bool stale, CancellationToken cancellationToken)
    {
        // Offer only what this extension's stored secret can verify (an MD5-only HA1 cannot check SHA-256).
        var credential = await credentials.FindAsync(extension, authenticator.Realm, cancellationToken).ConfigureAwait(false);
        return PhoneAuthentication.Challenge(authenticator.CreateChallenges(stale, credential));
    }
}
