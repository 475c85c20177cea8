using System.Net;
using System.Net.Sockets;

namespace Inbox.EndToEndTests;

/// <summary>What an operator sees when the server starts: a named key for bad configuration, and demo warnings.</summary>
[Trait("Category", "E2E")]
[Collection(EndToEndGroup.Name)]
public sealed class StartupEndToEndTests : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("inbox-e2e-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Start_PortOutOfRange_ExitsNamingTheKey()
    {
        var (exitCode, output) = await InboxServerProcess.RunUntilExitAsync(_work, 70000);

        Assert.Equal(2, exitCode);
        Assert.Contains("Sip:Transport", output, StringComparison.Ordinal);
        Assert.Contains("Port", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_MalformedPasswordHash_ExitsNamingTheAgent()
    {
        var (exitCode, output) = await InboxServerProcess.RunUntilExitAsync(
            _work, InboxServerProcess.FindFreePort(), settings => settings["Agents"]![2]!["SipPasswordHash"] = "sha256:not-hex");

        Assert.Equal(2, exitCode);
        Assert.Contains("Agents:2:SipPasswordHash", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_PortAlreadyInUse_ExitsSayingSo()
    {
        var port = InboxServerProcess.FindFreePort();
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, port));

        var (exitCode, output) = await InboxServerProcess.RunUntilExitAsync(_work, port);

        Assert.Equal(3, exitCode);
        Assert.Contains("Sip:Transport:Port", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ApiPortAlreadyInUse_ExitsNamingApiPort()
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        var apiPort = ((IPEndPoint)squatter.LocalEndPoint!).Port;

        var (exitCode, output) = await InboxServerProcess.RunUntilExitAsync(
            _work, InboxServerProcess.FindFreePort(), settings => settings["Api"]!["Port"] = apiPort);

        Assert.Equal(3, exitCode);
        Assert.Contains("Api:Port", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ApiPortOutOfRange_ExitsNamingTheKey()
    {
        var (exitCode, output) = await InboxServerProcess.RunUntilExitAsync(
            _work, InboxServerProcess.FindFreePort(), settings => settings["Api"]!["Port"] = 70000);

        Assert.Equal(2, exitCode);
        Assert.Contains("Api:Port", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DefaultConfiguration_WarnsAboutDemoSecrets()
    {
        await using var server = await InboxServerProcess.StartAsync(_work, InboxServerProcess.FindFreePort());

        Assert.Contains("Demo secrets are in use for extension(s) 1001, 1002, 1003", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_DefaultConfiguration_SaysWhichEngineReadsMedia()
    {
        await using var server = await InboxServerProcess.StartAsync(_work, InboxServerProcess.FindFreePort());

        // Auto picks io_uring, or epoll where the kernel forbids io_uring: either way the operator is told.
        Assert.Matches(@"Media sockets are read by (io_uring \(Ring\)|epoll \+ recvmmsg \(Batched\))", server.Output);
    }

    [Fact]
    public async Task Start_OwnSecrets_NoDemoWarning()
    {
        await using var server = await InboxServerProcess.StartAsync(_work, InboxServerProcess.FindFreePort(), settings =>
        {
            foreach (var agent in settings["Agents"]!.AsArray())
            {
                agent!.AsObject().Remove("SipPasswordHash");
                agent["SipPassword"] = "a-real-secret-" + agent["Id"];
            }
        });

        Assert.DoesNotContain("Demo secrets", server.Output, StringComparison.Ordinal);
    }
}
