using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Inbox.MediaServer.Interactions;

/// <summary>
/// Healthy once the inbox engine has started (schema migrated, open interactions resumed): what the gRPC health
/// service reports as SERVING. Thread-safe.
/// </summary>
internal sealed class InboxReadiness : IHealthCheck
{
    private volatile bool _started;

    public void MarkStarted() => _started = true;

    public void MarkStopping() => _started = false;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_started ? HealthCheckResult.Healthy("The inbox is running.") : HealthCheckResult.Unhealthy("The inbox is not running."));
}
