namespace Inbox.MediaServer.Plugins;

/// <summary>Where channel plugins are and how long each may take to start (configuration section <c>Plugins</c>).</summary>
internal sealed class PluginOptions
{
    public const string SectionName = "Plugins";

    /// <summary>
    /// The folder holding one sub-folder per plugin, relative to the server's binaries. Default "plugins", where the
    /// build puts the plugins of this repository.
    /// </summary>
    public string Directory { get; set; } = "plugins";

    /// <summary>Plugin ids not to load, e.g. a channel the site does not use. Default none.</summary>
    public List<string> Disabled { get; set; } = [];

    /// <summary>How long a plugin's start may take before it is marked failed. Default 30 s.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
