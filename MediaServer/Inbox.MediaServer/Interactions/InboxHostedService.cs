using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Engine;
using Inbox.MediaServer.Hosting;
using Microsoft.Extensions.Options;

namespace Inbox.MediaServer.Interactions;

/// <summary>
/// Starts the inbox before the API serves (schema migrated, open interactions resumed), then follows the
/// configuration files: a valid change of agents or campaigns swaps the engine's directory; an invalid one is
/// logged and the running directory stays.
/// </summary>
internal sealed class InboxHostedService(
    InboxEngine engine,
    IOptionsMonitor<AgentDirectoryOptions> directory,
    IEnumerable<IValidateOptions<AgentDirectoryOptions>> validators,
    InboxReadiness readiness,
    ILogger<InboxHostedService> logger)
    : IHostedService, IDisposable
{
    /// <summary>
    /// The options name that follows the files. The default name is validated at start and never reloaded: a
    /// reload that fails validation there would throw inside the configuration's change callback, where nobody can
    /// report it. This one is bound unvalidated and checked here, with the same validators.
    /// </summary>
    public const string ReloadName = "reload";

    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private IDisposable? _subscription;
    private AgentDirectoryOptions? _pending;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await engine.StartAsync(cancellationToken).ConfigureAwait(false);

        // Calls end with the process that carried them: their interactions must not wait for offers nobody can ring.
        var interrupted = await engine.EndInterruptedAsync(ChannelKind.Telephony, "interrupted: the server restarted", cancellationToken).ConfigureAwait(false);
        if (interrupted > 0)
        {
            HostLog.CallsInterrupted(logger, interrupted);
        }

        _subscription = directory.OnChange(OnChange);
        WarnAboutPlainApiKeys(directory.CurrentValue);
        readiness.MarkStarted();
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        readiness.MarkStopping();
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _reloadGate.Dispose();
    }

    private void OnChange(AgentDirectoryOptions options, string? name)
    {
        if (name != ReloadName)
        {
            return;
        }

        // Editors save in bursts: the latest snapshot wins and older ones still waiting are skipped.
        Interlocked.Exchange(ref _pending, options);
        _ = ApplyPendingAsync();
    }

    private async Task ApplyPendingAsync()
    {
        await _reloadGate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (Interlocked.Exchange(ref _pending, null) is not { } options)
            {
                return;
            }

            var failures = Validate(options);
            if (failures.Count > 0)
            {
                HostLog.DirectoryReloadRejected(logger, string.Join(" ", failures));
                return;
            }

            await engine.ReplaceDirectoryAsync(InboxDirectory.From(options), CancellationToken.None).ConfigureAwait(false);
            HostLog.DirectoryReloaded(logger, options.Agents.Count, options.Campaigns.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            HostLog.DirectoryReloadFailed(logger, e);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    private List<string> Validate(AgentDirectoryOptions options)
    {
        var failures = new List<string>();
        foreach (var validator in validators)
        {
            if (validator.Validate(Options.DefaultName, options) is { Failed: true } result)
            {
                failures.AddRange(result.Failures);
            }
        }

        return failures;
    }

    private void WarnAboutPlainApiKeys(AgentDirectoryOptions options)
    {
        var plain = options.Agents.Where(a => a.ApiKey is not null).Select(a => a.Id).ToList();
        if (plain.Count > 0)
        {
            HostLog.PlainApiKeysInUse(logger, string.Join(", ", plain));
        }
    }
}
