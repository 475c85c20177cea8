using Inbox.Contracts.Channels;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.Extensions.Logging;

namespace Inbox.Plugins.Email;

/// <summary>
/// Brings new mail in: one long-lived IMAP connection that files every mail above the checkpoint, then waits with
/// IDLE (RFC 2177) when the server offers it, else polls. Each mail is marked \Seen and checkpointed only after the
/// inbox has stored it. A lost connection is opened again with backoff, reading the settings afresh.
/// </summary>
internal sealed class ImapReceiver(IChannelHost host, ILogger logger) : IAsyncDisposable
{
    // RFC 2177 §3: a server may drop an idle client after 30 minutes, so IDLE is renewed well before.
    private static readonly TimeSpan s_idleRenewal = TimeSpan.FromMinutes(9);
    private static readonly TimeSpan s_firstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_lastRetry = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _watching = Task.CompletedTask;
    private volatile string? _problem = "not connected yet";

    /// <summary>Whether the folder is being watched now; else the last error.</summary>
    public ChannelHealth Health => _problem is { } problem ? ChannelHealth.Unhealthy($"IMAP: {problem}") : ChannelHealth.Healthy;

    public void Start() => _watching = Task.Run(() => RunAsync(_stopping.Token));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _watching.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            MailServer? server = null;
            try
            {
                var options = EmailSettings.Read(host.Configuration);
                server = options.Imap;
                using var client = new ImapClient();
                await server.ConnectAsync(client, options.Trust, cancellationToken).ConfigureAwait(false);
                var folder = options.ImapFolder.Equals("INBOX", StringComparison.OrdinalIgnoreCase)
                    ? client.Inbox
                    : await client.GetFolderAsync(options.ImapFolder, cancellationToken).ConfigureAwait(false);
                await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken).ConfigureAwait(false);
                var idle = options.UseIdle && client.Capabilities.HasFlag(ImapCapabilities.Idle);
                EmailLog.Watching(logger, server, folder.FullName, idle ? "IDLE" : $"polling every {options.PollInterval}");
                (failures, _problem) = (0, null);
                await WatchAsync(client, folder, options, idle, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _problem = e.Message;
                var delay = TimeSpan.FromTicks(Math.Min(s_lastRetry.Ticks, s_firstRetry.Ticks << Math.Min(failures++, 16)));
                EmailLog.ImapLost(logger, server, delay, e);
                try
                {
                    await Task.Delay(delay, host.Time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    // Returns only by throwing: the connection failed, or the receiver stops.
    private async Task WatchAsync(ImapClient client, IMailFolder folder, EmailOptions options, bool idle, CancellationToken cancellationToken)
    {
        CancellationTokenSource? wake = null;

        // EXISTS (RFC 3501 §7.3.1) during IDLE: leave it and fetch. Raised on this flow's own awaits, never concurrently.
        void OnCountChanged(object? sender, EventArgs e) => wake?.Cancel();
        folder.CountChanged += OnCountChanged;
        try
        {
            while (true)
            {
                wake = new CancellationTokenSource(s_idleRenewal, host.Time);
                try
                {
                    await FileNewAsync(folder, options, cancellationToken).ConfigureAwait(false);
                    if (idle)
                    {
                        // Mail that arrived while filing has already cancelled wake, so IDLE ends at once.
                        await client.IdleAsync(wake.Token, cancellationToken).ConfigureAwait(false);
                    }
                    else
                    {
                        await Task.Delay(options.PollInterval, host.Time, cancellationToken).ConfigureAwait(false);
                        await client.NoOpAsync(cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    var done = wake;
                    wake = null;
                    done.Dispose();
                }
            }
        }
        finally
        {
            folder.CountChanged -= OnCountChanged;
        }
    }

    private async Task FileNewAsync(IMailFolder folder, EmailOptions options, CancellationToken cancellationToken)
    {
        var checkpoint = ImapCheckpoint.Load(host.DataDirectory) is { } saved && saved.Folder == folder.FullName && saved.UidValidity == folder.UidValidity
            ? saved
            : null;

        // Without a checkpoint (first start, another folder, a renumbered one) what is unread is new; mail read by a
        // person before the channel first ran stays out.
        var query = checkpoint is null
            ? SearchQuery.NotSeen
            : SearchQuery.Uids(new UniqueIdRange(new UniqueId(checkpoint.LastUid + 1), UniqueId.MaxValue));
        var found = await folder.SearchAsync(query, cancellationToken).ConfigureAwait(false);

        // "n:*" always includes the highest UID, even below n (RFC 3501 §6.4.8), so the range is checked again here.
        foreach (var uid in found.Where(u => checkpoint is null || u.Id > checkpoint.LastUid).OrderBy(u => u.Id))
        {
            var mail = await folder.GetMessageAsync(uid, cancellationToken).ConfigureAwait(false);
            var fallbackId = $"{folder.UidValidity}.{uid.Id}@{options.Imap.Host}";
            if (await InboundMail.ReadAsync(mail, fallbackId, options.CampaignId, cancellationToken).ConfigureAwait(false) is { } inbound)
            {
                var filed = await host.Sink.ReceiveAsync(inbound, cancellationToken).ConfigureAwait(false);
                EmailLog.Filed(logger, inbound.ProviderMessageId, uid.Id, filed.InteractionId, filed.IsDuplicate);
            }
            else
            {
                EmailLog.WithoutSender(logger, uid.Id);
            }

            // Only now that the inbox holds it: a crash before here files it again, and the inbox drops the duplicate.
            // Not cancelled by a stop, so a mail the inbox took is always marked as taken.
            new ImapCheckpoint(folder.FullName, folder.UidValidity, uid.Id).Save(host.DataDirectory);
            await folder.StoreAsync(uid, new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen) { Silent = true }, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
