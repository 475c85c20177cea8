using Inbox.Interactions.Channels;

namespace Inbox.Interactions.Tests.Engine;

/// <summary>How mail is filed: a mail answering nothing starts its own interaction; its HTML body is kept.</summary>
public sealed class EmailInboundTests
{
    private static readonly CancellationToken s_none = CancellationToken.None;

    [Fact]
    public async Task Receive_NewMailWhileAnotherIsOpen_OpensItsOwnInteraction()
    {
        await using var inbox = await InboxFixture.StartAsync();
        var first = await inbox.Engine.ReceiveAsync(
            new InboundMessage(ChannelKind.Email, "support", "dora@example.com", null, "my order", "m1@example.com", [], Subject: "Order 42"), s_none);

        var reply = await inbox.Engine.ReceiveAsync(
            new InboundMessage(ChannelKind.Email, "support", "dora@example.com", null, "any news?", "m2@example.com", [], Subject: "Re: Order 42",
                InReplyTo: ["m1@example.com"]), s_none);
        var unrelated = await inbox.Engine.ReceiveAsync(
            new InboundMessage(ChannelKind.Email, "support", "dora@example.com", null, "new address", "m3@example.com", [], Subject: "Invoices"), s_none);

        Assert.Equal(first.Message.InteractionId, reply.Message.InteractionId);
        Assert.NotEqual(first.Message.InteractionId, unrelated.Message.InteractionId);
    }

    [Fact]
    public async Task Receive_HtmlMail_HtmlBodyStoredBesideTheText()
    {
        await using var inbox = await InboxFixture.StartAsync();

        var received = await inbox.Engine.ReceiveMessageAsync(
            new InboundMessage(ChannelKind.Email, "support", "dora@example.com", null, "The lid is broken.", "m1@example.com", [], Subject: "Broken",
                Html: "<p>The lid is <b>broken</b>.</p>"), s_none);
        var stored = await inbox.Store.FindMessageAsync(received.Id, s_none);

        Assert.Equal(("Broken", "<p>The lid is <b>broken</b>.</p>"), (stored!.Email!.Subject, stored.Email.HtmlBody));
        Assert.Equal("The lid is broken.", stored.Text);
    }
}
