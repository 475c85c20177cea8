using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Inbox.EndToEndTests;

/// <summary>
/// SIPp calls the server's campaign numbers as a customer would: queued with hold music until she hangs up, giving
/// up while it rings, and dialling a number nobody answers. The interaction is read from the server's database.
/// </summary>
[Trait("Category", "E2E")]
[Collection(EndToEndGroup.Name)]
public sealed class TelephonyEndToEndTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("inbox-e2e-").FullName;
    private InboxServerProcess? _server;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Call_CampaignNumber_QueuedPendingHearsHoldMusicThenAbandoned()
    {
        _server = await InboxServerProcess.StartAsync(_work, InboxServerProcess.FindFreePort());
        await using var media = new RtpListener();

        var call = Sipp.RunAsync("call_hold.xml", _server.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(media.Port), "-d", "2000"]);
        var whileQueued = await WaitForInteractionAsync(i => i.State == "pending");
        var result = await call;
        var afterBye = await WaitForInteractionAsync(i => i.State == "closed");

        Assert.True(result.ExitCode == 0, Describe(result));
        Assert.Contains("SIP/2.0 180 Ringing", result.Messages, StringComparison.Ordinal);
        Assert.Contains("m=audio", result.Messages, StringComparison.Ordinal);
        Assert.Equal(("telephony", "support", "+15550100"), (whileQueued.Channel, whileQueued.Campaign, whileQueued.Customer));
        Assert.Equal("abandoned", afterBye.EndReason);
        Assert.Equal(whileQueued.Id, afterBye.Id);

        // 2 s of hold music at one 20 ms PCMU packet per tick, and not silence.
        Assert.Equal([0], media.PayloadTypes);
        // About 2 s of 20 ms frames; the framing is judged by RTP timestamps, not by this machine's clock.
        Assert.InRange(media.Packets, 60, 150);
        Assert.Equal([160L], media.TimestampSteps);
        Assert.True(media.AudibleSamples > media.PayloadSamples / 2, $"{media.AudibleSamples} of {media.PayloadSamples} samples audible");
    }

    [Fact]
    public async Task Call_CancelledWhileRinging_487AndAbandoned()
    {
        // The call rings for 2 s before it is answered, so the CANCEL always finds it unanswered.
        _server = await InboxServerProcess.StartAsync(_work, InboxServerProcess.FindFreePort(), s => s["Telephony"]!["RingTime"] = "00:00:02");
        await using var media = new RtpListener();

        var result = await Sipp.RunAsync("call_cancel.xml", _server.Port, _work, "5000", "unused", extraArguments: ["-key", "rtp_port", Port(media.Port)]);
        var interaction = await WaitForInteractionAsync(i => i.State == "closed");

        Assert.True(result.ExitCode == 0, Describe(result));
        Assert.Contains("SIP/2.0 487", result.Messages, StringComparison.Ordinal);
        Assert.Equal("abandoned", interaction.EndReason);
        Assert.Equal(0, media.Packets);
    }

    [Fact]
    public async Task Call_UnknownNumber_NotFound()
    {
        _server = await InboxServerProcess.StartAsync(_work, InboxServerProcess.FindFreePort());

        var result = await Sipp.RunAsync("call_unknown.xml", _server.Port, _work, "7777", "unused", extraArguments: ["-key", "rtp_port", "9"]);

        Assert.True(result.ExitCode == 0, Describe(result));
        Assert.Contains("SIP/2.0 404", result.Messages, StringComparison.Ordinal);
        Assert.Empty(await InteractionsAsync());
    }

    [Fact]
    public async Task Start_NumberOfUnknownCampaign_RefusedNamingTheKey()
    {
        var (exitCode, output) = await InboxServerProcess.RunUntilExitAsync(
            _work, InboxServerProcess.FindFreePort(), settings => settings["Telephony"]!["Numbers"]![1]!["CampaignId"] = "nope");

        Assert.Equal(2, exitCode);
        Assert.Contains("Telephony:Numbers:1:CampaignId 'nope' is not a configured campaign.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private sealed record StoredInteraction(string Id, string Channel, string Campaign, string Customer, string State, string? EndReason);

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private async Task<StoredInteraction> WaitForInteractionAsync(Func<StoredInteraction, bool> condition)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if ((await InteractionsAsync()).FirstOrDefault(condition) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No matching interaction in 10 s: {string.Join("; ", await InteractionsAsync())}{Environment.NewLine}{_server!.Output}");
    }

    private async Task<List<StoredInteraction>> InteractionsAsync()
    {
        if (!File.Exists(_server!.DatabasePath))
        {
            return [];
        }

        await using var connection = new SqliteConnection($"Data Source={_server.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, channel, campaign_id, customer_address, state, json_extract(data, '$.endReason') FROM interactions";
        await using var reader = await command.ExecuteReaderAsync();
        var interactions = new List<StoredInteraction>();
        while (await reader.ReadAsync())
        {
            interactions.Add(new StoredInteraction(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return interactions;
    }

    private string Describe(Sipp.Result result) =>
        $"sipp exit {result.ExitCode}{Environment.NewLine}{result.Errors}{Environment.NewLine}{result.Messages}{Environment.NewLine}{_server!.Output}";
}
