using Inbox.Contracts.Channels;
using Inbox.Interactions.Engine;
using Domain = Inbox.Interactions.Channels;

namespace Inbox.MediaServer.Plugins;

/// <summary>The inbox as one plugin reaches it: what it brings in is filed under its channel kind.</summary>
internal sealed class PluginSink(InboxEngine engine, Domain.ChannelKind channel) : IChannelSink
{
    public async Task<InboundResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (stored, duplicate) = await engine.ReceiveAsync(message.ToDomain(channel), cancellationToken).ConfigureAwait(false);
        return new InboundResult(stored.InteractionId, stored.Id, duplicate);
    }

    public Task ReportStatusAsync(StatusReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return engine.UpdateMessageStatusAsync(channel, report.ProviderMessageId, report.Status.ToDomain(), report.FailureCode, report.FailureReason, cancellationToken);
    }

    public Task ReportTypingAsync(string customerAddress, CancellationToken cancellationToken) =>
        engine.CustomerTypingAsync(channel, customerAddress, cancellationToken);
}
