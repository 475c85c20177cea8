using System.Collections.Concurrent;
using System.Threading.Channels;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Messages;
using Inbox.Interactions.Outbox;

namespace Inbox.Interactions.Engine;

/// <summary>
/// The outbox: every outbound message is stored as sending and stays owed to its channel until the channel takes it
/// or it fails for good. Failures the provider calls temporary, a channel not connected, and transient exceptions are
/// retried with backoff; attempts and the next attempt's time are stored with the message, so a restart resumes the
/// queue where it was. One pump hands the due messages to their channels, the first of each interaction only.
/// </summary>
internal sealed partial class InboxEngine
{
    // How long sends under way may take to finish when the server stops, and again once cancelled.
    private static readonly TimeSpan s_stopGrace = TimeSpan.FromSeconds(5);

    private readonly OutboxQueue _outbox = new();
    private readonly OutboxPolicy _outboxPolicy;
    private readonly ITimer _outboxTimer;
    private readonly Channel<bool> _outboxWake = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly ConcurrentDictionary<string, Task> _sending = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _sendsCancelled = new();
    private Task _outboxPump = Task.CompletedTask;
    private int _sendingStopped;

    /// <summary>
    /// Stops handing messages to channels; call it before the channels stop. Sends under way get a few seconds to end,
    /// so that what a provider took is recorded, then they are cancelled. Nothing is lost: a message not recorded as
    /// taken stays stored as sending and goes out again after the restart, with the same id.
    /// </summary>
    public async Task StopSendingAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _sendingStopped, 1) == 1)
        {
            return;
        }

        _outboxWake.Writer.TryComplete();
        await _outboxPump.ConfigureAwait(false);
        var sending = Task.WhenAll(_sending.Values);
        try
        {
            await sending.WaitAsync(s_stopGrace, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            await _sendsCancelled.CancelAsync().ConfigureAwait(false);
        }

        try
        {
            await sending.WaitAsync(s_stopGrace, CancellationToken.None).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            InboxLog.SendsAbandoned(_logger, _sending.Count);
        }
    }

    private void StartOutbox(IReadOnlyList<Message> queued)
    {
        foreach (var message in queued)
        {
            _outbox.Enqueue(message);
        }

        _outboxPump = Task.Run(PumpOutboxAsync);
        WakeOutbox();
    }

    /// <summary>Queues a command's new outbound messages; under the gate, so the queue has them in the order they were stored.</summary>
    private void EnqueueOutbound(InboxTransaction tx)
    {
        foreach (var message in tx.Outbound)
        {
            _outbox.Enqueue(message);
        }

        if (tx.Outbound.Count > 0)
        {
            WakeOutbox();
        }
    }

    private void WakeOutbox() => _outboxWake.Writer.TryWrite(true);

    private async Task PumpOutboxAsync()
    {
        var wake = _outboxWake.Reader;
        while (await wake.WaitToReadAsync().ConfigureAwait(false))
        {
            wake.TryRead(out _);
            var now = _time.GetUtcNow();
            var room = Math.Max(0, _outboxPolicy.MaxConcurrentSends - _outbox.InFlight);
            foreach (var message in _outbox.TakeDue(now, room))
            {
                // On the pool: a plugin that blocks before its first await must not hold up the pump.
                var attempt = Task.Run(() => AttemptAsync(message, _sendsCancelled.Token));
                _sending[message.Id] = attempt;
                _ = ForgetWhenDoneAsync(message.Id, attempt);
            }

            ArmOutboxTimer(now);
        }
    }

    /// <summary>Wakes the pump when the next message falls due.</summary>
    private void ArmOutboxTimer(DateTimeOffset pumpedAt)
    {
        if (_outbox.NextDue() is not { } next || next <= pumpedAt)
        {
            // None waits, or the one due already waits for a send to end, and each end wakes the pump.
            _outboxTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            return;
        }

        // The clock is read again: it may have passed the time since the pump read it.
        var now = _time.GetUtcNow();
        if (next <= now)
        {
            WakeOutbox();
        }
        else
        {
            _outboxTimer.Change(next - now, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task ForgetWhenDoneAsync(string messageId, Task attempt)
    {
        await attempt.ConfigureAwait(false);
        _sending.TryRemove(new KeyValuePair<string, Task>(messageId, attempt));
    }

    /// <summary>One attempt: hand the message to its channel and store the outcome. Never throws.</summary>
    private async Task AttemptAsync(Message queued, CancellationToken cancellation)
    {
        var settled = queued;
        try
        {
            var (channel, result) = await SendOnceAsync(queued, cancellation).ConfigureAwait(false);
            settled = await RecordAttemptAsync(channel, queued, result).ConfigureAwait(false);
        }
        catch (Exception) when (cancellation.IsCancellationRequested)
        {
            // The server is stopping: the message stays stored as sending and is sent again after the restart.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The store failed: the attempt is not counted and the message is tried again later.
            InboxLog.StatusNotStored(_logger, queued.Id, e);
            settled = queued with { NextAttemptAt = _time.GetUtcNow() + _outboxPolicy.DelayAfter(queued.Attempts + 1, Random.Shared.NextDouble()) };
        }
        finally
        {
            _outbox.Settle(settled);
            WakeOutbox();
        }
    }

    private async Task<(ChannelKind Channel, ChannelSendResult Result)> SendOnceAsync(Message message, CancellationToken cancellation)
    {
        var interaction = await _store.FindInteractionAsync(message.InteractionId, cancellation).ConfigureAwait(false);
        if (interaction is null)
        {
            // Only a damaged database gets here; there is nobody to send it to.
            return (default, ChannelSendResult.Failed("interaction_missing", $"Interaction {message.InteractionId} is not stored."));
        }

        if (_channels.Find(interaction.Channel) is not { } channel)
        {
            var missing = ChannelSendResult.Failed("channel_unavailable", $"No {interaction.Channel} channel is connected.");
            return (interaction.Channel, missing with { Retryable = true });
        }

        var earlier = await _store.ListMessagesAsync(interaction.Id, cancellation).ConfigureAwait(false);
        var outbound = new OutboundMessage(interaction, message, message.Text, [.. message.Attachments.Select(a => new OutboundAttachment(a, _attachments.FullPath(a.Path)))])
        {
            Template = message.TemplateId is { } templateId ? _directory.Campaign(interaction.CampaignId)?.Template(templateId) : null,
            Thread = [.. earlier.Where(m => m.Id != message.Id && m.ProviderMessageId is not null).Select(m => m.ProviderMessageId!)],
        };
        try
        {
            return (interaction.Channel, await channel.SendAsync(outbound, cancellation).ConfigureAwait(false));
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            InboxLog.ChannelSendFailed(_logger, interaction.Channel, message.Id, e);
            return (interaction.Channel, ChannelSendResult.Failed("channel_error", e.Message) with { Retryable = TransientFailures.IsTransient(e) });
        }
    }

    /// <summary>Stores the attempt's outcome, with any delivery reports that came before it; returns the message as stored.</summary>
    private Task<Message> RecordAttemptAsync(ChannelKind channel, Message queued, ChannelSendResult result) =>
        RunAsync(async tx =>
        {
            // Not cancellable: once the provider has answered, its answer must be stored.
            var current = await _store.FindMessageAsync(queued.Id, CancellationToken.None).ConfigureAwait(false) ?? queued;
            var next = AfterAttempt(current, result, tx.Now);
            if (result.Accepted && !string.IsNullOrEmpty(next.ProviderMessageId))
            {
                foreach (var report in await _store.FindEarlyReportsAsync(channel, next.ProviderMessageId, CancellationToken.None).ConfigureAwait(false))
                {
                    next = Reported(next, report.Status, report.FailureCode, report.FailureReason, tx.Now) ?? next;
                    tx.Changes.AppliedEarlyReports.Add(report.Id);
                }
            }

            tx.Put(next);
            if (next.IsQueued)
            {
                InboxLog.SendRetrying(_logger, channel, next.Id, next.Attempts, next.FailureCode, next.NextAttemptAt!.Value);
            }
            else if (next.Status == MessageStatus.Failed)
            {
                InboxLog.SendFailed(_logger, next.Id, next.Attempts, next.FailureCode, next.FailureReason);
            }

            return next;
        }, CancellationToken.None);

    /// <summary>
    /// Accepted: sent. Refused for now, while the message is younger than GiveUpAfter: still sending, with the
    /// reason and the next attempt's time. Refused for good, or too old: failed.
    /// </summary>
    private Message AfterAttempt(Message current, ChannelSendResult result, DateTimeOffset now)
    {
        var attempts = current.Attempts + 1;
        if (result.Accepted)
        {
            return current with
            {
                Status = MessageStatusRules.CanMove(current.Status, MessageStatus.Sent) ? MessageStatus.Sent : current.Status,
                ProviderMessageId = result.ProviderMessageId ?? current.ProviderMessageId,
                FailureCode = null,
                FailureReason = null,
                Attempts = attempts,
                NextAttemptAt = null,
                UpdatedAt = now,
            };
        }

        if (result.Retryable && now - current.CreatedAt < _outboxPolicy.GiveUpAfter)
        {
            return current with
            {
                FailureCode = result.FailureCode,
                FailureReason = result.FailureReason,
                Attempts = attempts,
                NextAttemptAt = now + _outboxPolicy.DelayAfter(attempts, Random.Shared.NextDouble()),
                UpdatedAt = now,
            };
        }

        return current with
        {
            Status = MessageStatus.Failed,
            FailureCode = result.FailureCode,
            FailureReason = result.Retryable ? $"Gave up after {attempts} attempts: {result.FailureReason}" : result.FailureReason,
            Attempts = attempts,
            NextAttemptAt = null,
            UpdatedAt = now,
        };
    }
}
