using System.ComponentModel.DataAnnotations;

namespace Inbox.Sip.Stack;

/// <summary>Stack-wide settings (configuration section <c>Sip</c>).</summary>
internal sealed class SipStackOptions
{
    public const string SectionName = "Sip";

    /// <summary>The Server and User-Agent header value. Default "Inbox".</summary>
    [Required]
    public string ServerName { get; set; } = "Inbox";

    /// <summary>Serial executors that share the calls by Call-ID. Default: the processor count, at least 2.</summary>
    [Range(1, 64)]
    public int Executors { get; set; } = Math.Max(2, Environment.ProcessorCount);
}
