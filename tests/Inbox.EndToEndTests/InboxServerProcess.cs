using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Inbox.EndToEndTests;

/// <summary>
/// The server built from this repository, started as its own process on a free loopback port with the default
/// configuration plus the test's overrides, and a data folder of its own.
/// </summary>
internal sealed class InboxServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(30);

    // Every port FindFreePort has returned in this test run: none is returned twice.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> s_handedOut = new();

    private readonly Process _process;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _output = [];

    private InboxServerProcess(Process process, int port, string dataDirectory)
    {
        _process = process;
        Port = port;
        DataDirectory = dataDirectory;
    }

    public int Port { get; }

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "inbox.db");

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <param name="configure">Edits the default appsettings.json before the server reads it.</param>
    public static async Task<InboxServerProcess> StartAsync(string workDirectory, int port, Action<JsonNode>? configure = null)
    {
        var server = await LaunchAsync(workDirectory, port, configure);
        var exited = server._process.WaitForExitAsync();
        if (await Task.WhenAny(server._started.Task, exited, Task.Delay(s_startTimeout)) != server._started.Task)
        {
            var output = server.Output;
            await server.DisposeAsync();
            throw new InvalidOperationException($"The server did not start:{Environment.NewLine}{output}");
        }

        return server;
    }

    /// <summary>Starts a server that is expected to refuse to start; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string workDirectory, int port, Action<JsonNode>? configure = null)
    {
        await using var server = await LaunchAsync(workDirectory, port, configure);
        using var timeout = new CancellationTokenSource(s_startTimeout);
        await server._process.WaitForExitAsync(timeout.Token);
        return (server._process.ExitCode, server.Output);
    }

    private static async Task<InboxServerProcess> LaunchAsync(string workDirectory, int port, Action<JsonNode>? configure)
    {
        var configDirectory = Path.Combine(workDirectory, "config");
        var dataDirectory = Path.Combine(workDirectory, "data");
        Directory.CreateDirectory(configDirectory);
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "config", "appsettings.json")))!;
        settings["Sip"]!["Transport"]![nameof(Port)] = port;

        // The API's ports too, so the server never collides with another one on this machine (the test may override them).
        settings["Api"]![nameof(Port)] = FindFreePort();
        settings["Api"]!["WebPort"] = FindFreePort();
        settings["Inbox"]![nameof(DataDirectory)] = dataDirectory;
        configure?.Invoke(settings);
        await File.WriteAllTextAsync(Path.Combine(configDirectory, "appsettings.json"), settings.ToJsonString());

        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Repository.ServerAssembly);
        start.ArgumentList.Add("--config-dir");
        start.ArgumentList.Add(configDirectory);
        var process = Process.Start(start)!;
        var server = new InboxServerProcess(process, port, dataDirectory);
        process.OutputDataReceived += (_, e) => server.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => server.OnOutput(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Stops the server as systemd would (SIGTERM) and waits for a clean exit.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await _process.WaitForExitAsync(timeout.Token);
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the server with SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        // Process.Kill sends SIGKILL on Unix.
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    /// <summary>A port free for both UDP and TCP on 127.0.0.1, since the server binds both.</summary>
    public static int FindFreePort()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;

            // The kernel may hand the same free port out twice in a row (a server's SIP and API ports were once one).
            if (!s_handedOut.TryAdd(port, 0))
            {
                continue;
            }

            try
            {
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                using var udp6 = new Socket(AddressFamily.InterNetworkV6, SocketType.Dgram, ProtocolType.Udp);
                udp6.Bind(new IPEndPoint(IPAddress.IPv6Loopback, port));
                return port;
            }
            catch (SocketException)
            {
            }
        }

        throw new InvalidOperationException("No free port found on loopback.");
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        if (line.Contains("Inbox started", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }
}
