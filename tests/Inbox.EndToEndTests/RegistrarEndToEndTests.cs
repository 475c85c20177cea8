using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Inbox.EndToEndTests;

/// <summary>
/// SIPp registers, refreshes and unregisters extensions with digest authentication against the server running
/// as its own process. SIPp 3.6 computes MD5 digests only and answers the first challenge, so these servers offer
/// MD5 alone; SHA-256 is covered by the loopback tests with the C# digest client.
/// </summary>
[Trait("Category", "E2E")]
[Collection(EndToEndGroup.Name)]
public sealed class RegistrarEndToEndTests : IAsyncLifetime
{
    private readonly string _work = Directory.CreateTempSubdirectory("inbox-e2e-").FullName;
    private InboxServerProcess? _server;

    public async ValueTask InitializeAsync() =>
        _server = await InboxServerProcess.StartAsync(_work, InboxServerProcess.FindFreePort(), OfferMd5Only);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Register_DemoCredentialsOverUdp_ChallengedThenRegisteredAndStored()
    {
        var result = await Sipp.RunAsync("register.xml", _server!.Port, _work, "1001", "demo-1001");

        Assert.True(result.ExitCode == 0, Describe(result));
        Assert.Contains("SIP/2.0 401 Unauthorized", result.Messages, StringComparison.Ordinal);
        Assert.Contains("WWW-Authenticate: Digest", result.Messages, StringComparison.Ordinal);
        Assert.Equal(["sip:1001@inbox"], await StoredAddressesAsync());
    }

    [Fact]
    public async Task Register_OverTcp_Registered()
    {
        var result = await Sipp.RunAsync("register.xml", _server!.Port, _work, "1002", "demo-1002", tcp: true);

        Assert.True(result.ExitCode == 0, Describe(result));
        Assert.Equal(["sip:1002@inbox"], await StoredAddressesAsync());
    }

    [Fact]
    public async Task Register_WrongPassword_Forbidden()
    {
        var result = await Sipp.RunAsync("register.xml", _server!.Port, _work, "1001", "not-the-password");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SIP/2.0 403", result.Messages, StringComparison.Ordinal);
        Assert.Empty(await StoredAddressesAsync());
    }

    [Fact]
    public async Task Unregister_AfterRegister_BindingRemoved()
    {
        var phonePort = InboxServerProcess.FindFreePort();
        var registered = await Sipp.RunAsync("register.xml", _server!.Port, _work, "1003", "demo-1003", localPort: phonePort);

        var unregistered = await Sipp.RunAsync("unregister.xml", _server.Port, _work, "1003", "demo-1003", localPort: phonePort);

        Assert.True(registered.ExitCode == 0, Describe(registered));
        Assert.True(unregistered.ExitCode == 0, Describe(unregistered));
        Assert.Empty(await StoredAddressesAsync());
    }

    [Fact]
    public async Task Options_Probe_AnsweredWithCapabilities()
    {
        var result = await Sipp.RunAsync("options.xml", _server!.Port, _work, "probe", "unused");

        Assert.True(result.ExitCode == 0, Describe(result));
        Assert.Contains("Allow: ", result.Messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_ThenRestart_BindingSurvives()
    {
        var deskPhonePort = InboxServerProcess.FindFreePort();
        var registered = await Sipp.RunAsync("register.xml", _server!.Port, _work, "1001", "demo-1001", localPort: deskPhonePort);
        var exitCode = await _server.StopAsync();

        await using var restarted = await InboxServerProcess.StartAsync(_work, _server.Port, OfferMd5Only);
        var softphone = await Sipp.RunAsync("register.xml", restarted.Port, _work, "1001", "demo-1001");

        Assert.True(registered.ExitCode == 0, Describe(registered));
        Assert.Equal(0, exitCode);
        Assert.True(softphone.ExitCode == 0, Describe(softphone));

        // The 200 after the restart lists every binding of 1001: the desk phone's came back from the database.
        Assert.Contains($"Contact: <sip:1001@127.0.0.1:{deskPhonePort}>", LastResponse(softphone.Messages, "SIP/2.0 200"), StringComparison.Ordinal);
    }

    private static void OfferMd5Only(JsonNode settings) => settings["Sip"]!["Registrar"]!["Algorithms"] = new JsonArray("MD5");

    private async Task<List<string>> StoredAddressesAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={_server!.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT aor FROM sip_bindings ORDER BY aor";
        await using var reader = await command.ExecuteReaderAsync();
        var addresses = new List<string>();
        while (await reader.ReadAsync())
        {
            addresses.Add(reader.GetString(0));
        }

        return addresses;
    }

    private static string LastResponse(string messages, string statusLine) =>
        messages[messages.LastIndexOf(statusLine, StringComparison.Ordinal)..];

    private string Describe(Sipp.Result result) =>
        $"sipp exit {result.ExitCode}{Environment.NewLine}{result.Errors}{Environment.NewLine}{result.Messages}{Environment.NewLine}server:{Environment.NewLine}{_server?.Output}";
}
