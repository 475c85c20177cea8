using System.ComponentModel.DataAnnotations;

namespace Inbox.Media.Transport;

/// <summary>The UDP ports media may use (configuration section <c>Media:Rtp</c>).</summary>
internal sealed class RtpPortRange : IValidatableObject
{
    public const string SectionName = "Media:Rtp";

    /// <summary>First port of the range; RTP takes even ports (RFC 3550 §11). Default 10000.</summary>
    [Range(1024, 65534)]
    public int FirstPort { get; set; } = 10000;

    /// <summary>Last port of the range, inclusive. Default 20000: 5,000 RTP/RTCP pairs.</summary>
    [Range(1025, 65535)]
    public int LastPort { get; set; } = 20000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LastPort - FirstPort < 1)
        {
            yield return new ValidationResult($"LastPort ({LastPort}) must be above FirstPort ({FirstPort}).", [nameof(LastPort)]);
        }
    }
}
