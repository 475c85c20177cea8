using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Messages;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc;

/// <summary>A WhatsApp conversation through its whole life, over the API, as each agent's event stream shows it.</summary>
public sealed class InteractionLifecycleTests
{
    [Fact]
    public async Task TextInteraction_WholeLife_EachAgentSeesWhatConcernsHer()
    {
        await using var server = await ApiServer.StartAsync(ApiServer.Lapsing("TransferTimeout", TimeSpan.FromSeconds(1.5)));
        var ana = await server.Agent("ana").SignInAsync();
        var bruno = await server.Agent("bruno").SignInAsync();
        var carla = await server.Agent("carla").SignInAsync();
        var sara = await server.Agent("sara").SignInAsync();
        await using var anaEvents = ana.Watch();
        await using var brunoEvents = bruno.Watch();
        await using var carlaEvents = carla.Watch();
        await using var saraEvents = sara.Watch();

        // Pending: nobody is available yet, so it waits in the queue that ana and bruno see.
        var id = await server.CustomerWritesAsync("+5511999990001", "Hello, my order is late");
        await anaEvents.NextAsync(e => Is(e, id, V1.InteractionState.Pending), "the pending interaction");
        await brunoEvents.NextAsync(e => Is(e, id, V1.InteractionState.Pending), "the pending interaction");
        var pending = await ana.Interactions.ListPendingAsync(new V1.ListPendingRequest(), ana.Auth);
        Assert.Equal(V1.InteractionState.Pending, Assert.Single(pending.Interactions, i => i.Id == id).State);

        // Offered: ana becomes available and routing offers it to her; her team sees her activity change.
        await ana.SetPresenceAsync(V1.AgentPresence.Available);
        var offered = await anaEvents.NextAsync(e => Is(e, id, V1.InteractionState.Offered), "the offer");
        Assert.Equal("ana", offered.InteractionChanged.Interaction.OfferedTo);
        Assert.NotNull(offered.InteractionChanged.Interaction.OfferExpiresAt);
        await brunoEvents.NextAsync(e => e.AgentChanged?.Agent is { AgentId: "ana", Activity: V1.AgentActivity.Offered }, "ana offered, as her team sees it");

        // Rejected: back to the queue; ana is not offered it again.
        var rejected = await ana.Interactions.RejectOfferAsync(new V1.RejectOfferRequest { RequestId = "r1", InteractionId = id }, ana.Auth);
        Assert.Equal(V1.InteractionState.Pending, rejected.Interaction.State);
        await anaEvents.NextAsync(e => Is(e, id, V1.InteractionState.Pending), "the interaction back in the queue");

        // Taken: bruno picks it from the queue.
        var taken = await bruno.Interactions.TakeAsync(new V1.TakeRequest { RequestId = "t1", InteractionId = id }, bruno.Auth);
        Assert.Equal(V1.InteractionState.Active, taken.Interaction.State);
        Assert.Equal("bruno", taken.Interaction.AgentId);
        await brunoEvents.NextAsync(e => Is(e, id, V1.InteractionState.Active), "his active interaction");
        await anaEvents.NextAsync(e => e.AgentChanged?.Agent is { AgentId: "bruno", Activity: V1.AgentActivity.Busy }, "bruno busy, as his team sees it");

        // Messages both ways, with a file, and every status change on bruno's stream.
        var reply = new V1.OutgoingMessage { Text = "We are on it: here is what we know." };
        reply.Attachments.Add(new V1.AttachmentUpload { FileName = "tracking.txt", Content = ByteString.CopyFromUtf8("Parcel 1234: in transit.\n") });
        var sent = await bruno.Interactions.SendMessageAsync(new V1.SendMessageRequest { RequestId = "m1", InteractionId = id, Message = reply }, bruno.Auth);
        Assert.Equal(V1.MessageStatus.Sending, sent.Message.Status);
        var attachment = Assert.Single(sent.Message.Attachments);
        Assert.Equal(V1.AttachmentKind.Document, attachment.Kind);
        Assert.True(File.Exists(Path.Combine(server.DataDirectory, attachment.DownloadPath)));
        await brunoEvents.NextAsync(e => e.MessageChanged is { IsNew: true, Message.Status: V1.MessageStatus.Sending }, "his message, sending");
        var accepted = await brunoEvents.NextAsync(e => e.MessageChanged?.Message.Status == V1.MessageStatus.Sent, "his message, sent");
        Assert.Equal("WhatsApp-1", accepted.MessageChanged.Message.ProviderMessageId);
        var delivered = Assert.Single(server.WhatsApp.Sent);
        Assert.Equal("We are on it: here is what we know.", delivered.Text);
        Assert.Equal("tracking.txt", Assert.Single(delivered.Attachments).Attachment.FileName);

        await server.Engine.UpdateMessageStatusAsync(ChannelKind.WhatsApp, "WhatsApp-1", MessageStatus.Delivered, null, null, TestContext.Current.CancellationToken);
        await brunoEvents.NextAsync(e => e.MessageChanged?.Message.Status == V1.MessageStatus.Delivered, "his message, delivered");
        await server.CustomerWritesAsync("+5511999990001", "Thanks!");
        var inbound = await brunoEvents.NextAsync(e => e.MessageChanged is { IsNew: true, Message.Direction: V1.MessageDirection.Inbound }, "the customer's answer");
        Assert.Equal("Thanks!", inbound.MessageChanged.Message.Text);
        Assert.Equal(V1.MessageStatus.Received, inbound.MessageChanged.Message.Status);
        var conversation = await bruno.Interactions.ListMessagesAsync(new V1.ListMessagesRequest { InteractionId = id }, bruno.Auth);
        Assert.Equal(["Hello, my order is late", "We are on it: here is what we know.", "Thanks!"], conversation.Messages.Select(m => m.Text));

        // A transfer to ana that she lets lapse: it comes back to bruno when the campaign's transfer timeout passes.
        var transfer = await bruno.Interactions.TransferAsync(
            new V1.TransferRequest { RequestId = "x1", InteractionId = id, TargetKind = V1.TransferTargetKind.Agent, TargetId = "ana" }, bruno.Auth);
        Assert.Equal(V1.InteractionState.TransferPending, transfer.Interaction.State);
        var transferOffer = await anaEvents.NextAsync(e => Is(e, id, V1.InteractionState.TransferPending), "the transfer offered to her");
        Assert.Equal("ana", transferOffer.InteractionChanged.Interaction.Transfer.OfferedTo);
        var returned = await brunoEvents.NextAsync(e => Is(e, id, V1.InteractionState.Active) && e.InteractionChanged.Interaction.Transfer is null, "the transfer returning");
        Assert.Equal("bruno", returned.InteractionChanged.Interaction.AgentId);

        // An illegal transition is refused with the reason.
        var closeTooEarly = await Assert.ThrowsAsync<RpcException>(async () =>
            await bruno.Interactions.CloseAsync(new V1.CloseRequest { RequestId = "c0", InteractionId = id, Disposition = "spam" }, bruno.Auth));
        Assert.Equal(StatusCode.FailedPrecondition, closeTooEarly.StatusCode);
        Assert.Contains("finalize it before closing", closeTooEarly.Status.Detail, StringComparison.Ordinal);

        // Finalize, wrap-up, disposition, close.
        var finalized = await bruno.Interactions.FinalizeAsync(new V1.FinalizeRequest { RequestId = "f1", InteractionId = id }, bruno.Auth);
        Assert.Equal(V1.InteractionState.Finalized, finalized.Interaction.State);
        Assert.NotNull(finalized.Interaction.WrapUpUntil);
        await anaEvents.NextAsync(e => e.AgentChanged?.Agent is { AgentId: "bruno", Activity: V1.AgentActivity.WrapUp }, "bruno wrapping up, as his team sees it");
        var disposed = await bruno.Interactions.SetDispositionAsync(
            new V1.SetDispositionRequest { RequestId = "d1", InteractionId = id, Disposition = "solved/first-contact" }, bruno.Auth);
        Assert.Equal("solved/first-contact", disposed.Interaction.Disposition);
        var closed = await bruno.Interactions.CloseAsync(new V1.CloseRequest { RequestId = "c1", InteractionId = id }, bruno.Auth);
        Assert.Equal(V1.InteractionState.Closed, closed.Interaction.State);
        await brunoEvents.NextAsync(e => Is(e, id, V1.InteractionState.Closed), "his interaction closed");
        await brunoEvents.NextAsync(e => e.AgentChanged?.Agent is { AgentId: "bruno", Activity: V1.AgentActivity.NotReady }, "his wrap-up over");

        // The supervisor followed all of it; ana saw none of bruno's messages; carla, in another campaign, saw nothing of it.
        await saraEvents.NextAsync(e => Is(e, id, V1.InteractionState.Closed), "the closed interaction, as the supervisor sees it");
        Assert.Contains(saraEvents.All, e => e.MessageChanged?.Message.Text == "Thanks!");
        Assert.DoesNotContain(anaEvents.All, e => e.PayloadCase == V1.Event.PayloadOneofCase.MessageChanged);
        await carlaEvents.NextAsync(e => e.AgentChanged?.Agent.AgentId == "sara", "her supervisor signing in");
        Assert.DoesNotContain(carlaEvents.All, e => e.InteractionChanged?.Interaction.Id == id || e.MessageChanged?.Message.InteractionId == id);
        Assert.DoesNotContain(carlaEvents.All, e => e.AgentChanged?.Agent.AgentId is "ana" or "bruno");
    }

    [Fact]
    public async Task Offer_Lapses_ReturnsToQueueAndAgentIsNotResponding()
    {
        await using var server = await ApiServer.StartAsync(ApiServer.Lapsing("OfferTimeout", TimeSpan.FromSeconds(1)));
        var ana = await server.Agent("ana").SignInAsync();
        await using var events = ana.Watch();
        await ana.SetPresenceAsync(V1.AgentPresence.Available);

        var id = await server.CustomerWritesAsync("+5511999990002", "Anyone there?");

        await events.NextAsync(e => Is(e, id, V1.InteractionState.Offered), "the offer");
        await events.NextAsync(e => Is(e, id, V1.InteractionState.Pending), "the lapsed offer back in the queue");
        await events.NextAsync(e => e.AgentChanged?.Agent is { AgentId: "ana", Activity: V1.AgentActivity.NotResponding }, "her not responding");
    }

    [Fact]
    public async Task SendMessage_AttachmentOver30MegabytesInline_IsStored()
    {
        await using var server = await ApiServer.StartAsync();
        var bruno = await server.Agent("bruno").SignInAsync();
        var id = await server.CustomerWritesAsync("+5511999990003", "Please send the full report");
        await bruno.Interactions.TakeAsync(new V1.TakeRequest { InteractionId = id }, bruno.Auth);
        var line = Encoding.UTF8.GetBytes("Quarterly report line with some numbers 0123456789.\n");
        var content = new byte[31 * 1024 * 1024];
        for (var offset = 0; offset < content.Length; offset += line.Length)
        {
            line.AsSpan(0, Math.Min(line.Length, content.Length - offset)).CopyTo(content.AsSpan(offset));
        }

        var message = new V1.OutgoingMessage { Text = "The report" };
        message.Attachments.Add(new V1.AttachmentUpload { FileName = "report.txt", Content = ByteString.CopyFrom(content) });

        var sent = await bruno.Interactions.SendMessageAsync(new V1.SendMessageRequest { InteractionId = id, Message = message }, bruno.Auth);

        var attachment = Assert.Single(sent.Message.Attachments);
        Assert.Equal(content.Length, attachment.Size);
        Assert.Equal(content.Length, new FileInfo(Path.Combine(server.DataDirectory, attachment.DownloadPath)).Length);
    }

    [Fact]
    public async Task GetAttachment_HerMessagesFile_SameBytes_OthersRefused()
    {
        await using var server = await ApiServer.StartAsync();
        var bruno = await server.Agent("bruno").SignInAsync();
        var carla = await server.Agent("carla").SignInAsync();
        var id = await server.CustomerWritesAsync("+5511999990004", "Where is my parcel?");
        await bruno.Interactions.TakeAsync(new V1.TakeRequest { InteractionId = id }, bruno.Auth);
        var message = new V1.OutgoingMessage { Text = "Tracking attached" };
        message.Attachments.Add(new V1.AttachmentUpload { FileName = "tracking.txt", Content = ByteString.CopyFromUtf8("Parcel 1234: out for delivery 🚚\n") });
        var sent = await bruno.Interactions.SendMessageAsync(new V1.SendMessageRequest { InteractionId = id, Message = message }, bruno.Auth);
        var path = Assert.Single(sent.Message.Attachments).DownloadPath;

        var file = await bruno.Interactions.GetAttachmentAsync(new V1.GetAttachmentRequest { DownloadPath = path }, bruno.Auth);
        var otherCampaign = await Assert.ThrowsAsync<RpcException>(
            () => carla.Interactions.GetAttachmentAsync(new V1.GetAttachmentRequest { DownloadPath = path }, carla.Auth).ResponseAsync);
        var traversal = await Assert.ThrowsAsync<RpcException>(() => bruno.Interactions.GetAttachmentAsync(
            new V1.GetAttachmentRequest { DownloadPath = $"attachments/{id}/../../inbox.db" }, bruno.Auth).ResponseAsync);

        Assert.Equal("tracking.txt", file.FileName);
        Assert.Equal("text/plain", file.MediaType);
        Assert.Equal("Parcel 1234: out for delivery 🚚\n", file.Content.ToStringUtf8());
        Assert.Equal(StatusCode.NotFound, otherCampaign.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, traversal.StatusCode);
    }

    private static bool Is(V1.Event e, string id, V1.InteractionState state) =>
        e.InteractionChanged?.Interaction is { } interaction && interaction.Id == id && interaction.State == state;
}
