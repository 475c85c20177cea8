using System.ComponentModel.DataAnnotations;

namespace Inbox.Interactions.Directory;

/// <summary>One agent from configuration (section <c>Agents</c>): who she is, how her phones and her UI sign in.</summary>
internal sealed class AgentOptions
{
    [Required]
    [MinLength(1)]
    public string Id { get; set; } = string.Empty;

    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary>SIP extensions (user parts) her phones register as, e.g. 1001.</summary>
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

    /// <summary>What she may see and do over the API. Default <see cref="AgentRole.Agent"/>.</summary>
    public AgentRole Role { get; set; } = AgentRole.Agent;

    /// <summary>
    /// The API credential as a PBKDF2 hash: <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt base64&gt;$&lt;hash base64&gt;</c>
    /// (<c>dotnet run --project MediaServer/Inbox.MediaServer -- hash-api-key</c> prints one).
    /// </summary>
    public string? ApiKeyHash { get; set; }

    /// <summary>A plain API credential, for demos only: the server warns at start while one is configured.</summary>
    public string? ApiKey { get; set; }
}
