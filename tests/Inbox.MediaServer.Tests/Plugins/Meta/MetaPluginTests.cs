namespace Inbox.MediaServer.Tests.Plugins.Meta;

/// <summary>A test class with its own server running one Meta plugin, started before each test and stopped after it.</summary>
public abstract class MetaPluginTests : IAsyncLifetime
{
    private MetaPluginServer? _channel;

    /// <summary>The server, the plugin's stub Graph API and the server's clock.</summary>
    internal MetaPluginServer Channel => _channel!;

    /// <summary>The server's time, for the timestamps of the events the test posts.</summary>
    protected DateTimeOffset Now => Channel.Clock.GetUtcNow();

    public async ValueTask InitializeAsync() => _channel = await StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (_channel is not null)
        {
            await _channel.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    internal abstract Task<MetaPluginServer> StartAsync();
}
