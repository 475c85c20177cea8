namespace Inbox.MediaServer.Hosting;

/// <summary>Where configuration comes from: the config folder, then environment variables, then the command line.</summary>
internal static class InboxConfiguration
{
    public const string ConfigDirectoryKey = "config-dir";

    /// <summary>
    /// Loads <c>appsettings.json</c> and <c>appsettings.{Environment}.json</c> from the folder named by
    /// <c>--config-dir</c> (or <c>INBOX_CONFIG_DIR</c>), else <c>./config</c> when it exists, else the copy of the
    /// repository's config/ beside the binaries. Environment variables prefixed <c>INBOX_</c> and command-line
    /// switches override files. The files are watched: agents and campaigns follow edits without a restart (other
    /// settings are read once, at start).
    /// </summary>
    public static IConfigurationBuilder AddInboxConfiguration(this IConfigurationManager configuration, string[] args)
    {
        var overrides = new ConfigurationBuilder().AddEnvironmentVariables("INBOX_").AddCommandLine(args).Build();
        var directory = ResolveDirectory(overrides[ConfigDirectoryKey] ?? Environment.GetEnvironmentVariable("INBOX_CONFIG_DIR"));
        var environment = overrides["environment"] ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Production";
        configuration.Sources.Clear();
        return configuration
            .AddJsonFile(Path.Combine(directory, "appsettings.json"), optional: false, reloadOnChange: true)
            .AddJsonFile(Path.Combine(directory, $"appsettings.{environment}.json"), optional: true, reloadOnChange: true)
            .AddEnvironmentVariables("INBOX_")
            .AddCommandLine(args);
    }

    private static string ResolveDirectory(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Path.GetFullPath(configured);
        }

        var local = Path.GetFullPath("config");
        return File.Exists(Path.Combine(local, "appsettings.json")) ? local : Path.Combine(AppContext.BaseDirectory, "config");
    }
}
