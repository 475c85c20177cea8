using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Inbox.EndToEndTests;

/// <summary>Runs SIPp (Debian package sip-tester) once against the server and returns how it ended.</summary>
internal static class Sipp
{
    public sealed record Result(int ExitCode, string Messages, string Errors);

    /// <summary>SIPp's exit code is 0 only when every call of the scenario succeeded.</summary>
    /// <param name="localPort">SIPp's SIP port, which is also its Contact: reuse it to unregister what it registered.</param>
    /// <param name="extraArguments">More switches, e.g. <c>-key rtp_port 24000</c> or <c>-d 2000</c>.</param>
    public static async Task<Result> RunAsync(
        string scenario, int serverPort, string workDirectory, string user, string password, bool tcp = false, int? localPort = null,
        IEnumerable<string>? extraArguments = null)
    {
        localPort ??= InboxServerProcess.FindFreePort();
        var messages = Path.Combine(workDirectory, $"sipp-{Path.GetFileNameWithoutExtension(scenario)}-{localPort}-messages.log");
        var errors = Path.Combine(workDirectory, $"sipp-{Path.GetFileNameWithoutExtension(scenario)}-{localPort}-errors.log");
        var start = new ProcessStartInfo("sipp")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            $"127.0.0.1:{serverPort}", "-sf", Repository.Scenario(scenario), "-i", "127.0.0.1", "-p", localPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-s", user, "-au", user, "-ap", password, "-m", "1", "-nostdin", "-timeout", "20s",
            "-trace_msg", "-message_file", messages, "-trace_err", "-error_file", errors, "-mp", MediaPort().ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var argument in extraArguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        if (tcp)
        {
            start.ArgumentList.Add("-t");
            start.ArgumentList.Add("t1");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("sipp did not start: install the sip-tester package.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(stdout, stderr);
        return new Result(process.ExitCode, ReadIfExists(messages), ReadIfExists(errors) + await stderr);
    }

    private static string ReadIfExists(string path) => File.Exists(path) ? File.ReadAllText(path) : string.Empty;

    /// <summary>
    /// sipp binds four UDP ports from its media port (audio and video, RTP and RTCP). They come from below the
    /// kernel's ephemeral range (32768 and up), so tests binding port 0 in parallel cannot take one in between.
    /// </summary>
    private static int MediaPort()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var first = 2 * Random.Shared.Next(10_500, 15_000);
            var sockets = new List<Socket>();
            try
            {
                for (var port = first; port < first + 4; port++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                    sockets.Add(socket);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
                }

                return first;
            }
            catch (SocketException)
            {
            }
            finally
            {
                sockets.ForEach(s => s.Dispose());
            }
        }

        throw new InvalidOperationException("No four free UDP ports in a row for sipp's media.");
    }
}
