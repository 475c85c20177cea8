using System.Collections.Immutable;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Events;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Engine;

/// <summary>What channels bring in: customers' messages, new contacts (calls, web chats) and customers leaving.</summary>
internal sealed partial class InboxEngine
{
    /// <summary>
    /// Files a customer's message into her open interaction on that channel, or a new pending one. A redelivered
    /// message (same provider id) is stored once. Attachments that fail the content check are left out and named
    /// in the message's failure reason, so the text is never lost.
    /// </summary>
    public async Task<Message> ReceiveMessageAsync(InboundMessage inbound, CancellationToken cancellationToken) =>
        (await ReceiveAsync(inbound, cancellationToken).ConfigureAwait(false)).Message;

    /// <summary>
    /// <see cref="ReceiveMessageAsync"/>, also telling whether the message was a redelivery. A reply (its
    /// <see cref="InboundMessage.InReplyTo"/> names a message the inbox holds) goes into that message's interaction
    /// while it is open, whatever address it came from.
    /// </summary>
    public Task<(Message Message, bool IsDuplicate)> ReceiveAsync(InboundMessage inbound, CancellationToken cancellationToken) =>
        RunAsync(async tx =>
        {
            if (inbound.ProviderMessageId is { } providerId
                && await _store.FindMessageByProviderIdAsync(inbound.Channel, providerId, cancellationToken).ConfigureAwait(false) is { } known)
            {
                return (known, true);
            }

            var address = CustomerAddress.Normalize(inbound.Channel, inbound.CustomerAddress);
            var interaction = await ThreadOfAsync(tx, inbound, cancellationToken).ConfigureAwait(false)
                ?? OpenConversationOf(tx, inbound, address)
                ?? NewInbound(tx, inbound.Channel, inbound.CampaignId, address, inbound.CustomerName, inbound.ClientInfo, inbound.Subject);
            interaction = tx.Put(interaction with { LastInboundAt = tx.Now });

            var messageId = NewId();
            var (attachments, refused) = await SaveInboundAttachmentsAsync($"{interaction.Id}/{messageId}", inbound.Attachments, cancellationToken)
                .ConfigureAwait(false);
            var message = new Message
            {
                Id = messageId,
                InteractionId = interaction.Id,
                Direction = MessageDirection.Inbound,
                Text = inbound.Text,
                Attachments = attachments,
                ProviderMessageId = inbound.ProviderMessageId,
                Email = inbound.Subject is null && inbound.Html is null ? null : new EmailFields(inbound.Subject, inbound.Html, [], [], []),
                Status = MessageStatus.Received,
                FailureReason = refused,
                CreatedAt = tx.Now,
                UpdatedAt = tx.Now,
            };
            tx.Put(message);
            return (message, false);
        }, cancellationToken);

    // Her latest open interaction on the channel. Not for e-mail: a mail that answers nothing in the inbox starts a
    // new conversation (a new subject, a new case) even while she has another one open.
    private Interaction? OpenConversationOf(InboxTransaction tx, InboundMessage inbound, string address) =>
        inbound.Channel == ChannelKind.Email
            ? null
            : OpenView(tx)
                .Where(i => i.Channel == inbound.Channel && i.CustomerAddress == address && i.State < InteractionState.Finalized)
                .Where(i => inbound.CampaignId is null || i.BelongsTo(inbound.CampaignId))
                .MaxBy(i => i.CreatedAt);

    // The open interaction holding the first message this one replies to, if any.
    private async Task<Interaction?> ThreadOfAsync(InboxTransaction tx, InboundMessage inbound, CancellationToken cancellationToken)
    {
        if (inbound.InReplyTo.IsDefaultOrEmpty)
        {
            return null;
        }

        foreach (var providerId in inbound.InReplyTo)
        {
            if (await _store.FindMessageByProviderIdAsync(inbound.Channel, providerId, cancellationToken).ConfigureAwait(false) is { } earlier
                && (tx.TryGet(earlier.InteractionId, out var interaction) || _open.TryGetValue(earlier.InteractionId, out interaction!))
                && interaction.State < InteractionState.Finalized)
            {
                return interaction;
            }
        }

        return null;
    }

    /// <summary>A new contact without a message yet (an incoming call, a web chat visitor): a pending interaction.</summary>
    public Task<Interaction> OpenInboundAsync(
        ChannelKind channel, string? campaignId, string customerAddress, string? customerName, ImmutableDictionary<string, string>? clientInfo,
        CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var address = CustomerAddress.Normalize(channel, customerAddress);
            return Task.FromResult(tx.Put(NewInbound(tx, channel, campaignId, address, customerName, clientInfo, subject: null)));
        }, cancellationToken);

    /// <summary>
    /// The customer left (hung up, closed the chat). Before an agent had it, it closes as abandoned; with an agent,
    /// it is finalized and she wraps up.
    /// </summary>
    public Task<Interaction> EndByCustomerAsync(string interactionId, string reason, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var interaction = RequireOpen(tx, interactionId);
            var next = EndedByCustomer(interaction, reason, tx.Now);
            return Task.FromResult(ReferenceEquals(next, interaction) ? interaction : tx.Put(next));
        }, cancellationToken);

    /// <summary>
    /// Ends every interaction of a channel that cannot outlive the server: a call does not survive a restart of the
    /// process that carried its media, so after one its interaction is ended as the customer leaving would end it.
    /// Returns how many were ended.
    /// </summary>
    public Task<int> EndInterruptedAsync(ChannelKind channel, string reason, CancellationToken cancellationToken) =>
        RunAsync(tx =>
        {
            var ended = 0;
            foreach (var interaction in OpenView(tx).Where(i => i.Channel == channel && i.State < InteractionState.Finalized).ToList())
            {
                tx.Put(EndedByCustomer(interaction, reason, tx.Now));
                ended++;
            }

            return Task.FromResult(ended);
        }, cancellationToken);

    private Interaction EndedByCustomer(Interaction interaction, string reason, DateTimeOffset now) => interaction.State switch
    {
        InteractionState.Pending or InteractionState.Offered => interaction with
        {
            State = InteractionState.Closed,
            OfferedTo = null,
            OfferExpiresAt = null,
            EndReason = reason,
            FinalizedAt = now,
            ClosedAt = now,
        },
        InteractionState.Active or InteractionState.TransferPending => Finalized(interaction, now, reason),
        _ => interaction,
    };

    private Interaction NewInbound(
        InboxTransaction tx, ChannelKind channel, string? campaignId, string address, string? name, ImmutableDictionary<string, string>? clientInfo, string? subject)
    {
        var campaign = campaignId is null
            ? _directory.Campaigns.Values.OrderBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(c => c.Channel(channel) is { Inbound: true })
            : RequireCampaign(campaignId);
        if (campaign?.Channel(channel) is not { Inbound: true })
        {
            throw new InboxException(InboxError.Unavailable, campaignId is null
                ? $"No campaign takes inbound {channel} interactions."
                : $"Campaign '{campaignId}' does not take inbound {channel} interactions.");
        }

        return new Interaction
        {
            Id = NewId(),
            Channel = channel,
            CampaignId = campaign.Id,
            Direction = InteractionDirection.Inbound,
            CustomerAddress = address,
            CustomerName = name,
            ClientInfo = clientInfo ?? ImmutableDictionary<string, string>.Empty,
            Subject = subject,
            State = InteractionState.Pending,
            CreatedAt = tx.Now,
        };
    }

    private async Task<(ImmutableArray<StoredAttachment> Stored, string? Refused)> SaveInboundAttachmentsAsync(
        string folder, ImmutableArray<AttachmentUpload> uploads, CancellationToken cancellationToken)
    {
        if (uploads.IsDefaultOrEmpty)
        {
            return ([], null);
        }

        var stored = ImmutableArray.CreateBuilder<StoredAttachment>();
        var refused = new List<string>();
        foreach (var upload in uploads)
        {
            var inspection = _attachments.Inspect(upload);
            if (inspection.IsAccepted)
            {
                stored.Add(await _attachments.SaveAsync(folder, upload, inspection, cancellationToken).ConfigureAwait(false));
            }
            else
            {
                refused.Add(inspection.RefusalReason ?? upload.FileName);
            }
        }

        return (stored.ToImmutable(), refused.Count == 0 ? null : "Attachments refused: " + string.Join("; ", refused));
    }

    /// <summary>The customer is typing (web chat): her open interaction's agents are told; not stored.</summary>
    public async Task CustomerTypingAsync(ChannelKind channel, string customerAddress, CancellationToken cancellationToken)
    {
        var address = CustomerAddress.Normalize(channel, customerAddress);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var interaction = _open.Values
                .Where(i => i.Channel == channel && i.CustomerAddress == address && i.State < InteractionState.Finalized)
                .MaxBy(i => i.CreatedAt);
            if (interaction is not null)
            {
                _events.Publish(InvolvedAudienceOf(interaction), new CustomerTyping(interaction.Id));
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
