using Inbox.Contracts.Channels;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.MediaServer.Plugins;

/// <summary>
/// The channels' part of the server's health: degraded (still serving) while a plugin failed or cannot reach its
/// provider, with the reasons; never unhealthy, since the inbox and telephony go on without them.
/// </summary>
internal sealed class ChannelHealthCheck(ChannelCatalog catalog) : IHealthCheck
{
    private static readonly TimeSpan s_askTimeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        foreach (var channel in catalog.All)
        {
            if (channel.State == ChannelPluginState.Failed)
            {
                problems.Add($"{channel.Id}: {channel.Failure}");
            }
            else if (channel is { State: ChannelPluginState.Running, Plugin: { } plugin }
                && await AskAsync(plugin, cancellationToken).ConfigureAwait(false) is { IsHealthy: false } health)
            {
                problems.Add($"{channel.Id}: {health.Detail}");
            }
        }

        return problems.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Degraded(string.Join("; ", problems));
    }

    /// <summary>The plugin's own health check, bounded in time; a check that throws or hangs is an unhealthy answer.</summary>
    public static async Task<ChannelHealth> AskAsync(IChannelPlugin plugin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_askTimeout);
        try
        {
            return await plugin.CheckHealthAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return ChannelHealth.Unhealthy(e is OperationCanceledException ? "its health check did not answer in time" : e.Message);
        }
    }
}
