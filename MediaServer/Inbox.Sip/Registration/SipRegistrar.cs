using System.Globalization;
using Inbox.Sip.Auth;
using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Stack;
using Inbox.Sip.Transactions;
using Microsoft.Extensions.Options;

namespace Inbox.Sip.Registration;

/// <summary>
/// The registrar (RFC 3261 §10.3): authenticates each REGISTER with digest (RFC 7616/8760), checks the
/// authenticated user owns the address of record, then adds, refreshes or removes its bindings.
/// Bindings are keyed by extension within the realm, so a phone may name the server by any host.
/// </summary>
internal sealed class SipRegistrar(
    DigestAuthenticator authenticator, IDigestCredentialStore credentials, SipBindingTable bindings,
    IOptions<SipRegistrarOptions> options, TimeProvider timeProvider) : ISipRequestHandler
{
    private readonly SipRegistrarOptions _options = options.Value;

    public SipMethod Method => SipMethod.Register;

    /// <summary>The address of record an extension registers under.</summary>
    public static string AddressOfRecord(string extension, string realm) => $"sip:{extension}@{realm}";

    public async Task HandleAsync(SipRequest request, SipServerTransaction transaction, CancellationToken cancellationToken)
    {
        var extension = request.To.Uri.User;
        if (extension is null)
        {
            await RespondAsync(request, transaction, 404, "No user in the To URI", cancellationToken).ConfigureAwait(false);
            return;
        }

        var authorization = request.GetHeader(SipHeaderId.Authorization);
        if (authorization is null)
        {
            await ChallengeAsync(request, transaction, extension, stale: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await authenticator.VerifyAsync(authorization, request.MethodName, requestUri: null, cancellationToken).ConfigureAwait(false);
        switch (result.Status)
        {
            case DigestVerificationStatus.Stale:
                await ChallengeAsync(request, transaction, extension, stale: true, cancellationToken).ConfigureAwait(false);
                return;
            case DigestVerificationStatus.Malformed:
                await RespondAsync(request, transaction, 400, "Malformed Authorization header", cancellationToken).ConfigureAwait(false);
                return;
            case DigestVerificationStatus.Success when !string.Equals(result.Username, extension, StringComparison.Ordinal):
                // RFC 3261 §10.3 step 3: an authenticated user may only register her own address.
                await RespondAsync(request, transaction, 403, "Credentials do not match the To URI", cancellationToken).ConfigureAwait(false);
                return;
            case DigestVerificationStatus.Success:
                break;
            default:
                await RespondAsync(request, transaction, 403, "Forbidden", cancellationToken).ConfigureAwait(false);
                return;
        }

        var outcome = await bindings.ApplyAsync(
            new RegistrationRequest(
                AddressOfRecord(extension, authenticator.Realm), request.Contacts, request.Expires, request.CallId, request.CSeq.Number,
                transaction.Source, request.GetHeader(SipHeaderId.UserAgent)),
            cancellationToken).ConfigureAwait(false);
        await transaction.SendResponseAsync(CreateResponse(request, transaction, outcome), cancellationToken).ConfigureAwait(false);
    }

    private SipResponse CreateResponse(SipRequest request, SipServerTransaction transaction, RegistrationOutcome outcome)
    {
        var builder = SipResponseFactory.CreateBuilder(request, outcome.StatusCode, outcome.ReasonPhrase, SipTag.Create(), transaction.Source.Address);
        if (outcome.StatusCode == 423)
        {
            builder.Header(SipHeaderId.MinExpires, _options.MinExpires);
        }

        var now = timeProvider.GetUtcNow();
        foreach (var binding in outcome.Bindings)
        {
            var remaining = (long)Math.Ceiling((binding.ExpiresAt - now).TotalSeconds);
            builder.Header(SipHeaderId.Contact, string.Create(CultureInfo.InvariantCulture, $"<{binding.Contact}>;expires={remaining}"));
        }

        // RFC 3261 §10.3 step 8: the Date header lets a phone without a clock set one.
        return builder.Header(SipHeaderId.Date, now.ToString("r", CultureInfo.InvariantCulture)).BuildResponse();
    }

    private async Task ChallengeAsync(SipRequest request, SipServerTransaction transaction, string extension, bool stale, CancellationToken cancellationToken)
    {
        // Offer only what this extension's stored secret can verify (an MD5-only HA1 cannot check SHA-256).
        var credential = await credentials.FindAsync(extension, authenticator.Realm, cancellationToken).ConfigureAwait(false);
        var builder = SipResponseFactory.CreateBuilder(request, 401, toTag: SipTag.Create(), source: transaction.Source.Address);
        foreach (var challenge in authenticator.CreateChallenges(stale, credential))
        {
            builder.Header(SipHeaderId.WwwAuthenticate, challenge);
        }

        await transaction.SendResponseAsync(builder.BuildResponse(), cancellationToken).ConfigureAwait(false);
    }

    private static Task RespondAsync(SipRequest request, SipServerTransaction transaction, int statusCode, string reason, CancellationToken cancellationToken) =>
        transaction.SendResponseAsync(SipResponseFactory.Create(request, statusCode, reason, SipTag.Create(), transaction.Source.Address), cancellationToken);
}
