using System.Diagnostics;

namespace Inbox.EndToEndTests;

/// <summary>Runs SIPp (Debian package sip-tester) once against the server and returns how it ended.</summary>
internal static class Sipp
{
    public sealed record Result(int ExitCode, string Messages, string Errors);

    /// <summary>SIPp's exit code is 0 only when every call of the scenario succeeded.</summary>
    /// <param name="localPort">SIPp's SIP port, which is also its Contact: reuse it to unregister what it registered.</param>
    public static async Task<Result> RunAsync(
        string scenario, int serverPort, string workDirectory, string user, string password, bool tcp = false, int? localPort = null)
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
            "-trace_msg", "-message_file", messages, "-trace_err", "-error_file", errors, "-mp", InboxServerProcess.FindFreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)])
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
}
