using System.Collections.Immutable;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Errors;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;

namespace Inbox.Interactions.Engine;

/// <summary>Starting interactions, sending messages through channels, and their delivery statuses.</summary>
internal sealed partial class InboxEngine
{
    /// <summary>
    /// "New": starts an outbound interaction in one of her campaigns where the channel is enabled outbound, assigned
    /// to her, with its first message for text channels.
    /// </summary>
    public Task<(Interaction Interaction, Message? FirstMessage)> StartAsync(Agent caller, StartRequest request, CancellationToken cancellationToken) =>
        RunAsync(async tx =>
        {
            var campaign = RequireCampaign(request.CampaignId);
            if (!caller.IsMemberOf(campaign.Id))
            {
                throw InboxException.Denied($"You are not a member of campaign '{campaign.Id}'.");
            }

            if (campaign.Channel(request.Channel) is not { Outbound: true })
            {
                throw InboxException.Precondition($"Campaign '{campaign.Id}' does not start {request.Channel} interactions.");
            }

            var address = CustomerAddress.Normalize(request.Channel, request.CustomerAddress);
            var capabilities = _channels.CapabilitiesOf(request.Channel);
            if (capabilities.IsText && (request.FirstMessage is null || request.FirstMessage.IsEmpty))
            {
                throw InboxException.Invalid($"A new {request.Channel} interaction needs a first message.");
            }

            if (request.Channel == ChannelKind.Email && string.IsNullOrWhiteSpace(request.FirstMessage?.Email?.Subject))
            {
                throw InboxException.Invalid("A new e-mail needs a subject.");
            }

            RequireSignedIn(tx, caller);
            var interaction = new Interaction
            {
                Id = NewId(),
                Channel = request.Channel,
                CampaignId = campaign.Id,
                Direction = InteractionDirection.Outbound,
                CustomerAddress = address,
                CustomerName = request.CustomerName,
                Subject = request.FirstMessage?.Email?.Subject,
                State = InteractionState.Active,
                AgentId = caller.Id,
                CreatedAt = tx.Now,
                AcceptedAt = tx.Now,
                LastInboundAt = await _store.LastInboundAtAsync(request.Channel, address, cancellationToken).ConfigureAwait(false),
            };
            RequireCapacity(tx, caller, interaction);
            if (_channels.Find(request.Channel) is IStartingChannel starting)
            {
                var start = starting.Starting(campaign, caller, address);
                interaction = interaction with
                {
                    CustomerAddress = start.CustomerAddress,
                    ClientInfo = request.ClientInfo is { } given ? start.ClientInfo.SetItems(given) : start.ClientInfo,
                };
            }

            interaction = tx.Put(interaction);
            var message = request.FirstMessage is { } draft && capabilities.IsText
                ? await StageOutboundAsync(tx, caller, interaction, campaign, draft, cancellationToken).ConfigureAwait(false)
                : null;
            return (interaction, message);
        }, cancellationToken);

    /// <summary>Sends a message in her active interaction; it is stored as sending, then handed to the channel.</summary>
    public Task<Message> SendMessageAsync(Agent caller, string interactionId, MessageDraft draft, CancellationToken cancellationToken) =>
        RunAsync(async tx =>
        {
            var interaction = RequireOwn(tx, caller, interactionId);
            if (interaction.State is not (InteractionState.Active or InteractionState.TransferPending))
            {
                throw InboxException.Precondition($"Interaction {interactionId} is {Describe(interaction.State)}; messages are sent while it is active.");
            }

            if (draft.IsEmpty)
            {
                throw InboxException.Invalid("A message needs text, an attachment or a template.");
            }

            return await StageOutboundAsync(tx, caller, interaction, RequireCampaign(interaction.CampaignId), draft, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>
    /// Records a provider's delivery report; stale or backward reports are ignored. A report for a provider id no
    /// message carries yet is kept, and applied when a send result brings that id. False when it was kept.
    /// </summary>
    public Task<bool> UpdateMessageStatusAsync(
        ChannelKind channel, string providerMessageId, MessageStatus status, string? failureCode, string? failureReason, CancellationToken cancellationToken) =>
        RunAsync(async tx =>
        {
            var message = await _store.FindMessageByProviderIdAsync(channel, providerMessageId, cancellationToken).ConfigureAwait(false);
            if (message is null)
            {
                tx.Changes.EarlyReports.Add(new EarlyStatusReport(NewId(), channel, providerMessageId, status, failureCode, failureReason, tx.Now));
                tx.Changes.ExpireEarlyReportsBefore = tx.Now - _outboxPolicy.KeepEarlyReports;
                return false;
            }

            var updated = Reported(message, status, failureCode, failureReason, tx.Now);
            if (updated is not null)
            {
                tx.Put(updated);
            }

            return true;
        }, cancellationToken);

    /// <summary>The message after a delivery report, or null when the report is stale or backward.</summary>
    private static Message? Reported(Message message, MessageStatus status, string? failureCode, string? failureReason, DateTimeOffset now) =>
        MessageStatusRules.CanMove(message.Status, status)
            ? message with { Status = status, FailureCode = failureCode, FailureReason = failureReason, UpdatedAt = now }
            : null;

    private async Task<Message> StageOutboundAsync(
        InboxTransaction tx, Agent caller, Interaction interaction, Campaign campaign, MessageDraft draft, CancellationToken cancellationToken)
    {
        var capabilities = _channels.CapabilitiesOf(interaction.Channel);
        if (!capabilities.IsText)
        {
            throw InboxException.Invalid($"{interaction.Channel} interactions carry no messages.");
        }

        if (draft.Text.Length > capabilities.MaxTextLength)
        {
            throw InboxException.Invalid($"The text is {draft.Text.Length} characters; {interaction.Channel} allows {capabilities.MaxTextLength}.");
        }

        var template = RequireTemplate(interaction, campaign, draft, capabilities);
        if (template is not { Approved: true })
        {
            RequireWindowOpen(interaction, capabilities, tx.Now, "allows only an approved template");
        }
        var messageId = NewId();
        var attachments = await SaveAttachmentsAsync($"{interaction.Id}/{messageId}", interaction.Channel, capabilities, draft.Attachments, cancellationToken)
            .ConfigureAwait(false);
        var message = new Message
        {
            Id = messageId,
            InteractionId = interaction.Id,
            Direction = MessageDirection.Outbound,
            AgentId = caller.Id,
            Text = template is null ? draft.Text : template.Render(draft.TemplateParameters),
            Attachments = attachments,
            TemplateId = template?.Id,
            TemplateParameters = draft.TemplateParameters.IsDefault ? [] : draft.TemplateParameters,
            Email = interaction.Channel == ChannelKind.Email ? EmailFor(interaction, draft.Email) : null,
            Status = MessageStatus.Sending,
            NextAttemptAt = tx.Now,
            CreatedAt = tx.Now,
            UpdatedAt = tx.Now,
        };
        tx.Put(message);
        tx.Outbound.Add(message);
        return message;
    }

    private static MessageTemplate? RequireTemplate(Interaction interaction, Campaign campaign, MessageDraft draft, ChannelCapabilities capabilities)
    {
        if (draft.TemplateId is null)
        {
            return null;
        }

        if (!capabilities.Templates)
        {
            throw InboxException.Invalid($"{interaction.Channel} does not send templates.");
        }

        var template = campaign.Template(draft.TemplateId);
        if (template is null || template.Channel != interaction.Channel)
        {
            throw InboxException.NotFound($"Campaign '{campaign.Id}' has no {interaction.Channel} template '{draft.TemplateId}'.");
        }

        var given = draft.TemplateParameters.IsDefault ? 0 : draft.TemplateParameters.Length;
        if (given != template.ParameterCount)
        {
            throw InboxException.Invalid($"Template '{template.Id}' takes {template.ParameterCount} parameter(s); {given} given.");
        }

        return template;
    }

    /// <summary>
    /// WhatsApp, Messenger, Instagram: free text (and typing) only within the window since the customer last wrote;
    /// <paramref name="outside"/> says what the channel allows outside it.
    /// </summary>
    private static void RequireWindowOpen(Interaction interaction, ChannelCapabilities capabilities, DateTimeOffset now, string outside)
    {
        if (capabilities.MessagingWindow is not { } window)
        {
            return;
        }

        var last = interaction.LastInboundAt;
        if (last is null || now - last.Value > window)
        {
            var since = last is null ? "has never written" : $"last wrote at {last.Value:u}";
            throw InboxException.Precondition(
                $"The customer {since}: outside the {window.TotalHours:0}-hour customer-service window {interaction.Channel} {outside}.");
        }
    }

    /// <summary>The e-mail's fields, replying to the customer unless told otherwise; every address is checked.</summary>
    private static EmailFields EmailFor(Interaction interaction, EmailFields? fields) => new(
        fields?.Subject ?? interaction.Subject,
        fields?.HtmlBody,
        fields is { To.IsDefaultOrEmpty: false } ? Addresses(fields.To) : [interaction.CustomerAddress],
        fields is { Cc.IsDefault: false } ? Addresses(fields.Cc) : [],
        fields is { Bcc.IsDefault: false } ? Addresses(fields.Bcc) : []);

    private static ImmutableArray<string> Addresses(ImmutableArray<string> addresses) =>
        [.. addresses.Select(a => CustomerAddress.Normalize(ChannelKind.Email, a))];

    private async Task<ImmutableArray<StoredAttachment>> SaveAttachmentsAsync(
        string folder, ChannelKind channel, ChannelCapabilities capabilities, ImmutableArray<AttachmentUpload> uploads, CancellationToken cancellationToken)
    {
        if (uploads.IsDefaultOrEmpty)
        {
            return [];
        }

        var inspected = new List<(AttachmentUpload Upload, AttachmentInspection Inspection)>();
        foreach (var upload in uploads)
        {
            if (upload.IsVoiceNote && !capabilities.VoiceNotes)
            {
                throw InboxException.Invalid($"{channel} does not carry voice notes.");
            }

            if (!upload.IsVoiceNote && !capabilities.AllowsAttachments)
            {
                throw InboxException.Invalid($"{channel} messages cannot carry attachments.");
            }

            if (upload.Content.Length > capabilities.MaxAttachmentBytes)
            {
                throw InboxException.Invalid(
                    $"{upload.FileName} is {upload.Content.Length} bytes; {channel} takes files of at most {capabilities.MaxAttachmentBytes} bytes.");
            }

            var inspection = _attachments.Inspect(upload);
            if (!inspection.IsAccepted)
            {
                throw InboxException.Invalid(inspection.RefusalReason ?? $"{upload.FileName} was refused.");
            }

            if (upload.IsVoiceNote ? inspection.Kind != AttachmentKind.Audio : !capabilities.AttachmentKinds.Contains(inspection.Kind))
            {
                throw InboxException.Invalid(upload.IsVoiceNote
                    ? $"{upload.FileName}: a voice note must be audio."
                    : $"{upload.FileName}: {channel} does not carry {inspection.Kind.ToString().ToLowerInvariant()} attachments.");
            }

            inspected.Add((upload, inspection));
        }

        var stored = ImmutableArray.CreateBuilder<StoredAttachment>(inspected.Count);
        foreach (var (upload, inspection) in inspected)
        {
            stored.Add(await _attachments.SaveAsync(folder, upload, inspection, cancellationToken).ConfigureAwait(false));
        }

        return stored.MoveToImmutable();
    }

    private static string NewId() => OrderedIds.Next();
}
