using System.Text.Json.Nodes;
using Inbox.MediaServer.Hosting;
using Inbox.MediaServer.Interactions;
using Microsoft.Extensions.Options;

namespace Inbox.MediaServer.Tests.Interactions;

/// <summary>The outbox's retry settings: checked when the server starts, with the key to fix in the message.</summary>
public sealed class OutboxOptionsTests
{
    [Theory]
    [InlineData("FirstRetry", "00:00:00", "Inbox:Outbox:FirstRetry (00:00:00) must be between 00:00:00.0100000 and 1.00:00:00.")]
    [InlineData("MaxRetry", "00:00:01", "Inbox:Outbox:MaxRetry (00:00:01) must be at least Inbox:Outbox:FirstRetry (00:00:02)")]
    [InlineData("GiveUpAfter", "-00:00:01", "Inbox:Outbox:GiveUpAfter (-00:00:01) must be positive.")]
    [InlineData("MaxConcurrentSends", "0", "Inbox:Outbox:MaxConcurrentSends (0) must be between 1 and 1024.")]
    public async Task Start_BadOutboxSetting_ExitCode2NamingTheKey(string key, string value, string expected)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ApiServer.StartAsync(settings =>
            settings["Inbox"]!["Outbox"] = new JsonObject { [key] = value }));

        Assert.True(StartupFailure.TryDescribe(failure, null, out var exitCode, out var message));
        Assert.Equal(StartupFailure.ConfigurationExitCode, exitCode);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Defaults_Succeed()
    {
        var result = new OutboxOptionsValidator().Validate(Options.DefaultName, new OutboxOptions());

        Assert.True(result.Succeeded, result.FailureMessage);
    }
}
