using System.ComponentModel.DataAnnotations;

namespace Inbox.MediaServer.Hosting;

/// <summary>Host settings (configuration section <c>Inbox</c>).</summary>
internal sealed class InboxOptions
{
    public const string SectionName = "Inbox";

    /// <summary>Folder for the embedded database and recordings, relative to the working directory. Default "data".</summary>
    [Required]
    [MinLength(1)]
    public string DataDirectory { get; set; } = "data";
}
