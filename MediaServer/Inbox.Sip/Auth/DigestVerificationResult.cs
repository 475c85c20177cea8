namespace Inbox.Sip.Auth;

/// <summary>The result of <see cref="DigestAuthenticator.VerifyAsync"/>.</summary>
/// <param name="Status">What to do next.</param>
/// <param name="Reason">Why it failed; <see cref="DigestFailureReason.None"/> unless <see cref="DigestVerificationStatus.Failed"/>.</param>
/// <param name="Username">The claimed username when the header parsed, else null.</param>
internal readonly record struct DigestVerificationResult(
    DigestVerificationStatus Status,
    DigestFailureReason Reason,
    string? Username)
{
    public bool IsSuccess => Status == DigestVerificationStatus.Success;

    public static DigestVerificationResult Malformed { get; } = new(DigestVerificationStatus.Malformed, DigestFailureReason.None, null);

    public static DigestVerificationResult Failed(DigestFailureReason reason, string? username) =>
        new(DigestVerificationStatus.Failed, reason, username);
}
