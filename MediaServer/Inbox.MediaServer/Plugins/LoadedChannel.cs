using Inbox.Contracts.Channels;

namespace Inbox.MediaServer.Plugins;

/// <summary>Where a plugin is in its life.</summary>
internal enum ChannelPluginState
{
    Starting,
    Running,
    Failed,

    /// <summary>Installed but not started: the configuration has no <c>Channels:&lt;id&gt;</c> section for it.</summary>
    Unconfigured,
}

/// <summary>
/// One plugin folder as the server sees it: its id and kind once known, its state and why it failed. Written by the
/// loader, read by the API and health; the fields are replaced whole, so readers need no lock.
/// </summary>
internal sealed class LoadedChannel(string id, string folder)
{
    public string Id { get; } = id;

    public string Folder { get; } = folder;

    public ChannelKind? Kind { get; set; }

    public ChannelPluginState State { get; set; } = ChannelPluginState.Starting;

    /// <summary>Why it failed or is not configured, in words; null otherwise.</summary>
    public string? Failure { get; set; }

    public IChannelPlugin? Plugin { get; set; }
}
