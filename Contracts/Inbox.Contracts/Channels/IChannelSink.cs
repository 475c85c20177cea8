namespace Inbox.Contracts.Channels;

/// <summary>
/// The inbox, as a plugin reaches it. Each call returns once the inbox has stored what it was given, so a plugin
/// acknowledges the provider (a webhook's 200, an IMAP flag) only after it returns.
/// </summary>
public interface IChannelSink
{
    /// <summary>
    /// Files a customer's message: into her open interaction on this channel (or the one its
    /// <see cref="InboundMessage.InReplyTo"/> threads to), else a new pending one. A message whose
    /// <see cref="InboundMessage.ProviderMessageId"/> was seen before is not stored again.
    /// </summary>
    Task<InboundResult> ReceiveAsync(InboundMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Moves a sent message's delivery status forward (sent → delivered → read, or failed). Reports that arrive out
    /// of order, twice, or before the send's result are kept and applied in order.
    /// </summary>
    Task ReportStatusAsync(StatusReport report, CancellationToken cancellationToken);

    /// <summary>The customer is typing (web chat): shown to the agent for a few seconds.</summary>
    Task ReportTypingAsync(string customerAddress, CancellationToken cancellationToken);
}
