using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NAudio.Wave;

namespace Inbox.EndToEndTests;

/// <summary>
/// baresip (Debian package baresip-core) as an agent's softphone: it registers an extension with digest auth, answers
/// the server's INVITEs by itself (answermode=auto), sends a sine from a WAV file as its microphone and records what
/// it hears (the sndfile module). Its ctrl_tcp socket takes the commands a user would press (hold, resume,
/// transfer, hangup) as netstring-framed JSON and reports its events (CALL_ESTABLISHED, REGISTER_OK...).
/// </summary>
internal sealed class BaresipPhone : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TcpClient _control;
    private readonly string _directory;
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonNode>> _replies = new();
    private readonly Task _reading;
    private int _token;

    private BaresipPhone(Process process, TcpClient control, string directory)
    {
        _process = process;
        _control = control;
        _directory = directory;
        _reading = ReadAsync();
    }

    /// <summary>What baresip printed (with -s, its SIP trace), for failure messages.</summary>
    public string Log => File.Exists(Path.Combine(_directory, "log")) ? File.ReadAllText(Path.Combine(_directory, "log")) : string.Empty;

    /// <summary>The types of the events it reported, in order.</summary>
    public IReadOnlyCollection<string> Events => _events;

    /// <summary>Starts baresip registering <paramref name="extension"/> at the server, its microphone a sine at <paramref name="toneHertz"/>.</summary>
    public static async Task<BaresipPhone> StartAsync(string workDirectory, int serverPort, string extension, string password, int toneHertz)
    {
        var directory = Directory.CreateDirectory(Path.Combine(workDirectory, "baresip-" + extension)).FullName;
        Directory.CreateDirectory(Path.Combine(directory, "rec"));
        var tone = Path.Combine(directory, "tone.wav");
        WriteTone(tone, toneHertz, TimeSpan.FromMinutes(2));
        var (sipPort, controlPort) = (InboxServerProcess.FindFreePort(), InboxServerProcess.FindFreePort());

        // Its RTP ports sit between SIPp's media ports and the kernel's ephemeral range (RtpPeer and the server's ports).
        var firstRtpPort = 30_100 + (2 * Random.Shared.Next(0, 1_250));
        await File.WriteAllTextAsync(Path.Combine(directory, "config"), string.Join('\n',
            $"sip_listen 127.0.0.1:{sipPort}",
            "net_interface 127.0.0.1",
            $"audio_source aufile,{tone}",
            "audio_player aubridge,nil",
            "audio_alert aubridge,nil",
            "ausrc_srate 8000",
            "auplay_srate 8000",
            "ausrc_channels 1",
            "auplay_channels 1",
            $"rtp_ports {firstRtpPort}-{firstRtpPort + 19}",
            $"snd_path {Path.Combine(directory, "rec")}",
            "module_path /usr/lib/baresip/modules",
            "module ctrl_tcp.so",
            "module g711.so",
            "module aufile.so",
            "module aubridge.so",
            "module sndfile.so",
            "module_tmp uuid.so",
            "module_tmp account.so",
            "module_app menu.so",
            $"ctrl_tcp_listen 127.0.0.1:{controlPort}",
            string.Empty));
        await File.WriteAllTextAsync(
            Path.Combine(directory, "accounts"),
            $"<sip:{extension}@127.0.0.1:{serverPort}>;auth_pass={password};regint=60;answermode=auto;audio_codecs=PCMU,PCMA\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "contacts"), string.Empty);

        // stdin is /dev/null-like (closed) and no stdio module is loaded: baresip runs headless.
        var start = new ProcessStartInfo("/bin/sh") { WorkingDirectory = directory, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec baresip -f '{directory}' -s </dev/null >'{Path.Combine(directory, "log")}' 2>&1");
        var process = Process.Start(start) ?? throw new InvalidOperationException("baresip did not start: install the baresip-core package.");
        var control = await ConnectAsync(controlPort, process, directory);
        return new BaresipPhone(process, control, directory);
    }

    /// <summary>Runs a command (as its menu would) and returns baresip's reply.</summary>
    public async Task<JsonNode> CommandAsync(string command, string? parameters = null)
    {
        var token = Interlocked.Increment(ref _token).ToString(CultureInfo.InvariantCulture);
        var reply = _replies[token] = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        var message = new JsonObject { ["command"] = command, ["token"] = token };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        var json = Encoding.UTF8.GetBytes(message.ToJsonString());
        var frame = Encoding.ASCII.GetBytes(json.Length.ToString(CultureInfo.InvariantCulture) + ":").Concat(json).Append((byte)',').ToArray();
        await _control.GetStream().WriteAsync(frame, TestContext.Current.CancellationToken);
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
    }

    /// <summary>True once baresip reported an event of <paramref name="type"/>.</summary>
    public bool Saw(string type) => _events.Contains(type);

    /// <summary>The audio it received over its calls, from the recording sndfile writes when a call ends.</summary>
    public ToneCapture Heard()
    {
        var capture = new ToneCapture();
        foreach (var path in Directory.GetFiles(Path.Combine(_directory, "rec"), "*-dec.wav"))
        {
            using var reader = new WaveFileReader(path);
            var bytes = new byte[reader.Length];
            var read = reader.Read(bytes, 0, bytes.Length);
            capture.AddLinear(bytes.AsSpan(0, read));
        }

        return capture;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _control.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or SocketException)
        {
        }

        _process.Dispose();
    }

    private static async Task<TcpClient> ConnectAsync(int port, Process process, string directory)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
                return client;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(15) && !process.HasExited)
            {
                client.Dispose();
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }
            catch (SocketException e)
            {
                client.Dispose();
                var log = Path.Combine(directory, "log");
                throw new InvalidOperationException($"baresip's control port never opened: {(File.Exists(log) ? File.ReadAllText(log) : "no log")}", e);
            }
        }
    }

    // Netstrings "length:payload," each a JSON object: a reply carries the command's token, an event "event": true.
    private async Task ReadAsync()
    {
        var stream = _control.GetStream();
        var buffer = new List<byte>();
        var chunk = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(chunk)) > 0)
        {
            buffer.AddRange(chunk.AsSpan(0, read));
            while (TryTakeFrame(buffer) is { } frame)
            {
                var message = JsonNode.Parse(frame)!;
                if (message["event"]?.GetValue<bool>() == true)
                {
                    _events.Enqueue(message["type"]?.GetValue<string>() ?? string.Empty);
                }
                else if (message["token"]?.GetValue<string>() is { } token && _replies.TryRemove(token, out var reply))
                {
                    reply.TrySetResult(message);
                }
            }
        }
    }

    private static string? TryTakeFrame(List<byte> buffer)
    {
        var colon = buffer.IndexOf((byte)':');
        if (colon < 0 || !int.TryParse(Encoding.ASCII.GetString([.. buffer[..colon]]), CultureInfo.InvariantCulture, out var length) || buffer.Count < colon + 1 + length + 1)
        {
            return null;
        }

        var frame = Encoding.UTF8.GetString([.. buffer.GetRange(colon + 1, length)]);
        buffer.RemoveRange(0, colon + 1 + length + 1);
        return frame;
    }

    private static void WriteTone(string path, int hertz, TimeSpan length)
    {
        using var writer = new WaveFileWriter(path, new WaveFormat(8000, 16, 1));
        var samples = (int)(8000 * length.TotalSeconds);
        for (var i = 0; i < samples; i++)
        {
            writer.WriteSample((float)(0.25 * Math.Sin(2 * Math.PI * hertz * i / 8000)));
        }
    }
}
