using System.Net;
using System.Net.Sockets;
using Inbox.MediaServer.Grpc;
using Inbox.MediaServer.Hosting;
using Inbox.MediaServer.Sip;
using Inbox.MediaServer.Telephony;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Inbox.MediaServer.Tests.Hosting;

/// <summary>What an operator is told when the API cannot start: the key to fix, and the exit code Program returns.</summary>
public sealed class StartupTests
{
    [Theory]
    [InlineData("Port", 70000, "Api:Port (70000) must be between 0 and 65535.")]
    [InlineData("WebPort", -1, "Api:WebPort (-1) must be between 0 and 65535.")]
    [InlineData("ListenAddress", "localhost", "Api:ListenAddress ('localhost') must be an IP address")]
    [InlineData("MaxMessageSize", 10, "Api:MaxMessageSize (10) must be between")]
    public async Task Start_BadApiSetting_ExitCode2NamingTheKey(string key, object value, string expected)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ApiServer.StartAsync(settings =>
            settings["Api"]![key] = value is int number ? number : (string)value));

        Assert.True(StartupFailure.TryDescribe(failure, null, out var exitCode, out var message));
        Assert.Equal(StartupFailure.ConfigurationExitCode, exitCode);
        Assert.Contains("section 'Api'", message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Port", "Api:Port")]
    [InlineData("WebPort", "Api:WebPort")]
    public async Task Start_ApiPortTaken_ExitCode3NamingTheKey(string key, string expected)
    {
        using var squatter = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        squatter.Listen();
        var taken = ((IPEndPoint)squatter.LocalEndPoint!).Port;

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ApiServer.StartAsync(settings => settings["Api"]![key] = taken));

        var api = key == "Port" ? new ApiOptions { Port = taken, WebPort = 0 } : new ApiOptions { Port = 0, WebPort = taken };
        Assert.True(StartupFailure.TryDescribe(failure, api, out var exitCode, out var message));
        Assert.Equal(StartupFailure.PortInUseExitCode, exitCode);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.Contains($":{taken}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_TooManyMediaWorkers_ExitCode2NamingTheKey()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => ApiServer.StartAsync(settings =>
            settings["Media"] = new System.Text.Json.Nodes.JsonObject { ["Receive"] = new System.Text.Json.Nodes.JsonObject { ["Workers"] = 100 } }));

        Assert.True(StartupFailure.TryDescribe(failure, null, out var exitCode, out var message));
        Assert.Equal(StartupFailure.ConfigurationExitCode, exitCode);
        Assert.Contains("Media:Receive:Workers must be between 0", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_HostedServices_CallsAreHungUpBeforeSipStops()
    {
        await using var server = await ApiServer.StartAsync();

        var order = server.App.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();

        // The host stops its services in reverse order: telephony's BYEs go out while SIP's sockets are open.
        Assert.True(order.IndexOf(typeof(TelephonyHostedService)) > order.IndexOf(typeof(SipHostedService)));
        Assert.Contains(typeof(SipHostedService), order);
    }
}
