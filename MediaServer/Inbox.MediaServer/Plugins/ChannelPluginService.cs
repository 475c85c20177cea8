using Inbox.Contracts.Channels;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Engine;
using Inbox.MediaServer.Hosting;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Options;

namespace Inbox.MediaServer.Plugins;

/// <summary>
/// Loads every plugin folder under <c>Plugins:Directory</c> in its own load context (the contract and the
/// Microsoft.Extensions abstractions shared with the host), starts it, and connects it to the inbox. A folder that
/// fails (no manifest, another contract version, a missing setting, an exception at start) is logged and listed as
/// failed; the server and the other channels go on. Plugins start in the background, so a slow provider does not
/// hold up the server.
/// </summary>
internal sealed class ChannelPluginService(
    IOptions<PluginOptions> options, IOptions<InboxOptions> inbox, IConfiguration configuration, ChannelCatalog catalog, ChannelRegistry registry,
    WebhookRouter router, InboxEngine engine, ILoggerFactory loggerFactory, TimeProvider time, ILogger<ChannelPluginService> logger) : IHostedService, IDisposable
{
    // Types the plugin and the host must see as the same: the contract, and what it exposes.
    private static readonly Type[] s_sharedTypes = [typeof(IChannelPlugin), typeof(IConfiguration), typeof(ILoggerFactory), typeof(ILogger)];

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _starts = [];
    private int _disposed;

    /// <summary>Completes when every plugin found at start has started or failed.</summary>
    public Task Started => Task.WhenAll(_starts);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(options.Value.Directory, AppContext.BaseDirectory);
        if (!Directory.Exists(root))
        {
            PluginLog.NoFolder(logger, root);
            return Task.CompletedTask;
        }

        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var entry = new LoadedChannel(Path.GetFileName(folder), folder);
            if (options.Value.Disabled.Contains(entry.Id, StringComparer.Ordinal))
            {
                continue;
            }

            _starts.Add(Task.Run(() => StartOneAsync(entry), CancellationToken.None));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Before the plugins go: a send to a disposed plugin would fail its message instead of leaving it queued.
        await engine.StopSendingAsync(cancellationToken).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Started.WaitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var channel in catalog.All)
        {
            await DisposeQuietlyAsync(channel).ConfigureAwait(false);
        }
    }

    // A host whose start failed (a port in use) disposes without stopping: plugins still starting are told to stop
    // first. It is registered both as itself and as a hosted service, so it may be disposed twice.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private async Task DisposeQuietlyAsync(LoadedChannel channel)
    {
        if (channel.Plugin is not { } plugin)
        {
            return;
        }

        channel.Plugin = null;
        try
        {
            await plugin.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            PluginLog.StopFailed(logger, channel.Id, e);
        }
    }

    private async Task StartOneAsync(LoadedChannel entry)
    {
        try
        {
            var manifest = PluginManifest.TryRead(entry.Folder, out var error) ?? throw new PluginException(error!);
            entry = new LoadedChannel(manifest.Id, entry.Folder) { Kind = manifest.Kind };
            if (!catalog.TryAdd(entry))
            {
                throw new PluginException($"another plugin folder already has the id '{manifest.Id}'");
            }

            // Shipped plugins wait for their operator: a channel with no settings at all is not an error.
            var section = configuration.GetSection($"Channels:{manifest.Id}");
            if (!section.Exists())
            {
                entry.State = ChannelPluginState.Unconfigured;
                entry.Failure = $"Channels:{manifest.Id} is not in the configuration";
                PluginLog.Unconfigured(logger, manifest.Id, entry.Folder);
                return;
            }

            var plugin = Create(entry.Folder, manifest);
            entry.Plugin = plugin;
            var missing = plugin.Settings.Where(s => s.Required && s.DefaultValue is null && string.IsNullOrEmpty(section[s.Name])).ToList();
            if (missing.Count > 0)
            {
                throw new PluginException(string.Join("; ", missing.Select(s => $"Channels:{manifest.Id}:{s.Name} is required ({s.Description})")));
            }

            var dataDirectory = Path.Combine(Path.GetFullPath(inbox.Value.DataDirectory), "channels", manifest.Id);
            Directory.CreateDirectory(dataDirectory);
            var kind = manifest.Kind.ToDomain();
            var host = new PluginChannelHost(manifest.Id, section, loggerFactory, time, dataDirectory, new PluginSink(engine, kind), router);
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
            {
                timeout.CancelAfter(options.Value.StartTimeout);
                try
                {
                    await plugin.StartAsync(host, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
                {
                    throw new PluginException($"it did not start within {options.Value.StartTimeout.TotalSeconds:0} s");
                }
            }

            var channel = new PluginChannel(manifest.Id, plugin, kind, plugin.Capabilities.ToDomain(), logger);
            if (!registry.TryAdd(channel))
            {
                throw new PluginException($"another channel already provides {manifest.Kind}");
            }

            entry.State = ChannelPluginState.Running;
            PluginLog.Started(logger, manifest.Id, manifest.Kind, entry.Folder);
        }
        catch (Exception) when (_stopping.IsCancellationRequested)
        {
            // The server stopped while the plugin was starting: not the plugin's failure.
            await DisposeQuietlyAsync(entry).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var cause = e is System.Reflection.TargetInvocationException { InnerException: { } inner } ? inner : e;
            entry.State = ChannelPluginState.Failed;
            entry.Failure = cause.Message;
            catalog.TryAdd(entry);
            PluginLog.Failed(logger, entry.Folder, cause.Message, cause is PluginException ? null : cause);
            await DisposeQuietlyAsync(entry).ConfigureAwait(false);
        }
    }

    private static IChannelPlugin Create(string folder, PluginManifest manifest)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(Path.Combine(folder, manifest.Assembly), s_sharedTypes, c => c.PreferSharedTypes = true);
        var types = loader.LoadDefaultAssembly().GetExportedTypes()
            .Where(t => typeof(IChannelPlugin).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .ToList();
        if (types.Count != 1)
        {
            throw new PluginException(types.Count == 0
                ? $"{manifest.Assembly} has no public class implementing IChannelPlugin"
                : $"{manifest.Assembly} has {types.Count} classes implementing IChannelPlugin; it must have one");
        }

        return Activator.CreateInstance(types[0]) as IChannelPlugin
            ?? throw new PluginException($"{types[0].FullName} could not be created");
    }

    /// <summary>A plugin folder that cannot be used, with the reason an operator can act on.</summary>
    private sealed class PluginException(string message) : Exception(message);
}
