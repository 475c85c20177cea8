using Microsoft.Extensions.Options;

namespace Inbox.MediaServer.Interactions;

/// <summary>Checks <see cref="OutboxOptions"/>; every message names the key to fix.</summary>
internal sealed class OutboxOptionsValidator : IValidateOptions<OutboxOptions>
{
    private static readonly TimeSpan s_shortestRetry = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan s_longestRetry = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, OutboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? failures = null;
        if (options.FirstRetry < s_shortestRetry || options.FirstRetry > s_longestRetry)
        {
            (failures ??= []).Add($"Inbox:Outbox:FirstRetry ({options.FirstRetry}) must be between {s_shortestRetry} and {s_longestRetry}.");
        }

        if (options.MaxRetry < options.FirstRetry || options.MaxRetry > s_longestRetry)
        {
            (failures ??= []).Add($"Inbox:Outbox:MaxRetry ({options.MaxRetry}) must be at least Inbox:Outbox:FirstRetry ({options.FirstRetry}) and at most {s_longestRetry}.");
        }

        if (options.GiveUpAfter <= TimeSpan.Zero)
        {
            (failures ??= []).Add($"Inbox:Outbox:GiveUpAfter ({options.GiveUpAfter}) must be positive.");
        }

        if (options.MaxConcurrentSends is < 1 or > 1024)
        {
            (failures ??= []).Add($"Inbox:Outbox:MaxConcurrentSends ({options.MaxConcurrentSends}) must be between 1 and 1024.");
        }

        if (options.KeepEarlyReports <= TimeSpan.Zero)
        {
            (failures ??= []).Add($"Inbox:Outbox:KeepEarlyReports ({options.KeepEarlyReports}) must be positive.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
