using System.ComponentModel.DataAnnotations;

namespace Inbox.Sip.Registration;

/// <summary>Registrar settings (configuration section <c>Sip:Registrar</c>).</summary>
internal sealed class SipRegistrarOptions : IValidatableObject
{
    public const string SectionName = "Sip:Registrar";

    /// <summary>Digest realm presented to phones. Default "inbox".</summary>
    [Required]
    [MinLength(1)]
    public string Realm { get; set; } = "inbox";

    /// <summary>Shortest registration accepted; shorter ones get 423 with Min-Expires. Default 60 s.</summary>
    [Range(1, 86400)]
    public int MinExpires { get; set; } = 60;

    /// <summary>Longest registration granted; longer requests are shortened. Default 7,200 s.</summary>
    [Range(1, 604800)]
    public int MaxExpires { get; set; } = 7200;

    /// <summary>Expiry granted when the REGISTER names none. Default 3,600 s.</summary>
    [Range(1, 604800)]
    public int DefaultExpires { get; set; } = 3600;

    /// <summary>Contacts one extension may register at once (desk phone, softphone, mobile...). Default 10.</summary>
    [Range(1, 100)]
    public int MaxContactsPerAddress { get; set; } = 10;

    /// <summary>How long a digest nonce stays fresh before the phone is re-challenged with stale=true. Default 5 min.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan NonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Digest algorithms offered, most preferred first (RFC 8760 §2.4). Empty (the default) means SHA-256 then MD5.
    /// The list starts empty because the configuration binder appends to a list rather than replacing it.
    /// </summary>
    public List<string> Algorithms { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinExpires > MaxExpires)
        {
            yield return new ValidationResult($"MinExpires ({MinExpires}) must not exceed MaxExpires ({MaxExpires}).", [nameof(MinExpires)]);
        }

        if (DefaultExpires < MinExpires || DefaultExpires > MaxExpires)
        {
            yield return new ValidationResult($"DefaultExpires ({DefaultExpires}) must lie between MinExpires and MaxExpires.", [nameof(DefaultExpires)]);
        }

        foreach (var algorithm in Algorithms)
        {
            if (algorithm is not ("SHA-256" or "MD5"))
            {
                yield return new ValidationResult($"Algorithms: '{algorithm}' is not supported (use SHA-256 or MD5).", [nameof(Algorithms)]);
            }
        }
    }
}
