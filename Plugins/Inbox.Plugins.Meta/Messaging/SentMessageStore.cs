using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.Meta.Messaging;

/// <summary>
/// The messages sent to each person that she has not read yet, one small JSON file per person under
/// <c>{DataDirectory}/sent/</c>. Messenger's reads, and some of its deliveries, name no message, only a watermark
/// time; these files turn that time back into message ids, even for a read that comes hours later, after a restart.
/// A person's entries are dropped once read, after <see cref="Keep"/>, and beyond her newest
/// <see cref="MaxPerRecipient"/>; a person left with none has no file. Thread-safe: a person's file is read and
/// written only under her gate.
/// </summary>
internal sealed class SentMessageStore
{
    /// <summary>
    /// How long a sent message waits for its read: 7 days. A reply leaves within Messenger's 24-hour window, but a
    /// customer may open it days later (a Friday evening answer read on Monday); a week is also the replay window,
    /// the horizon within which the plugin takes Meta's events as live.
    /// </summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(7);

    /// <summary>The most unread messages kept per person: 100. The oldest go first.</summary>
    public const int MaxPerRecipient = 100;

    private const int MaxRecipientLength = 32;
    private static readonly TimeSpan s_sweepEvery = TimeSpan.FromHours(1);
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private readonly string _folder;
    private readonly TimeProvider _time;
    private readonly string _channelId;
    private readonly ILogger _logger;

    // Striped gates: two people may share one, which costs only a short wait, and a fixed array needs no cleanup.
    private readonly SemaphoreSlim[] _gates = [.. Enumerable.Range(0, 16).Select(_ => new SemaphoreSlim(1, 1))];

    // When the files of people who never read are next swept away, in ticks of the clock's UTC time.
    private long _nextSweep;

    public SentMessageStore(string dataDirectory, TimeProvider time, string channelId, ILogger logger)
    {
        _folder = Path.Combine(dataDirectory, "sent");
        Directory.CreateDirectory(_folder);
        (_time, _channelId, _logger) = (time, channelId, logger);
    }

    /// <summary>
    /// Remembers that <paramref name="messageId"/> was just sent to <paramref name="recipient"/>, at the clock's time
    /// now: call it once the Send API has answered. Never throws: the message is out, and a failure here must not
    /// make the inbox send it again; it costs only its read receipt.
    /// </summary>
    public async Task RecordAsync(string recipient, string messageId)
    {
        try
        {
            var sent = SentMessage.At(messageId, _time.GetUtcNow());
            await ChangeAsync(recipient, entries => [.. entries.Append(sent).TakeLast(MaxPerRecipient)], CancellationToken.None);
            SweepIfDue();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            MetaLog.SentNotRemembered(_logger, _channelId, messageId, e);
        }
    }

    /// <summary>The unread messages sent to <paramref name="recipient"/>, oldest first; none for anyone never written to.</summary>
    public async Task<IReadOnlyList<SentMessage>> ListAsync(string recipient, CancellationToken cancellationToken)
    {
        if (!IsRecipient(recipient))
        {
            return [];
        }

        var gate = GateOf(recipient);
        await gate.WaitAsync(cancellationToken);
        try
        {
            return Unexpired(await LoadAsync(PathOf(recipient), cancellationToken));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Rewrites her unread messages with <paramref name="change"/>; her file is written only when they change.</summary>
    public async Task ChangeAsync(
        string recipient, Func<IReadOnlyList<SentMessage>, IReadOnlyList<SentMessage>> change, CancellationToken cancellationToken)
    {
        if (!IsRecipient(recipient))
        {
            return;
        }

        var gate = GateOf(recipient);
        await gate.WaitAsync(cancellationToken);
        try
        {
            var path = PathOf(recipient);
            var stored = await LoadAsync(path, cancellationToken);
            var changed = change(Unexpired(stored));
            if (!changed.SequenceEqual(stored))
            {
                await SaveAsync(path, changed, cancellationToken);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    // People who never read would otherwise keep their files for ever: at most once an hour, a send starts a sweep
    // of the folder that drops what has expired. It runs beside the send, which a Page's thousands of files must not
    // hold up.
    private void SweepIfDue()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref _nextSweep);
        if (now >= due && Interlocked.CompareExchange(ref _nextSweep, now + s_sweepEvery.Ticks, due) == due)
        {
            _ = Task.Run(SweepAsync);
        }
    }

    private async Task SweepAsync()
    {
        try
        {
            foreach (var path in Directory.EnumerateFiles(_folder, "*.json"))
            {
                await ChangeAsync(Path.GetFileNameWithoutExtension(path), entries => entries, CancellationToken.None);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            MetaLog.SentSweepFailed(_logger, _channelId, e);
        }
    }

    private List<SentMessage> Unexpired(List<SentMessage> entries)
    {
        var oldest = (_time.GetUtcNow() - Keep).ToUnixTimeMilliseconds();
        return entries.FindAll(e => e.SentAt >= oldest);
    }

    private async Task<List<SentMessage>> LoadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var file = File.OpenRead(path);
            return await JsonSerializer.DeserializeAsync<List<SentMessage>>(file, s_json, cancellationToken) ?? [];
        }
        catch (FileNotFoundException)
        {
            return [];
        }
        catch (JsonException e)
        {
            // Files are only ever replaced whole, so this one was damaged outside the server: start her afresh
            // rather than fail every webhook about her.
            MetaLog.SentFileUnreadable(_logger, _channelId, path, e);
            return [];
        }
    }

    // Written aside and renamed, so a crash never leaves half a file.
    private static async Task SaveAsync(string path, IReadOnlyList<SentMessage> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            File.Delete(path);
            return;
        }

        var temporary = path + ".tmp";
        await using (var file = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(file, entries, s_json, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    // Only plain numbers, as Page-scoped ids are, become file names: an address never names a path outside the folder.
    private static bool IsRecipient(string id) => id.Length is > 0 and <= MaxRecipientLength && id.All(char.IsAsciiDigit);

    private SemaphoreSlim GateOf(string recipient) => _gates[(uint)StringComparer.Ordinal.GetHashCode(recipient) % (uint)_gates.Length];

    private string PathOf(string recipient) => Path.Combine(_folder, recipient + ".json");
}
