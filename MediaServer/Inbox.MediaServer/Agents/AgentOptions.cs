using System.ComponentModel.DataAnnotations;

namespace Inbox.MediaServer.Agents;

/// <summary>One agent from configuration (section <c>Agents</c>): who she is and how her phones sign in.</summary>
internal sealed class AgentOptions
{
    [Required]
    [MinLength(1)]
    public string Id { get; set; } = string.Empty;

    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>SIP extensions (user parts) her phones register as, e.g. 1001.</summary>
    [MinLength(1)]
    public List<string> Extensions { get; set; } = [];

    /// <summary>The SIP digest password. Prefer <see cref="SipPasswordHash"/> so no plain password is stored.</summary>
    public string? SipPassword { get; set; }

    /// <summary>
    /// HA1 hashes instead of a password: <c>sha256:&lt;hex&gt;</c> and/or <c>md5:&lt;hex&gt;</c> of
    /// <c>extension:realm:password</c>, separated by commas. The algorithms a phone may use follow from those given.
    /// </summary>
    public string? SipPasswordHash { get; set; }

    /// <summary>Campaign ids she works in.</summary>
    public List<string> Campaigns { get; set; } = [];
}
