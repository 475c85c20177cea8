namespace Inbox.Plugins.WebChat.Protocol;

/// <summary>
/// A frame from the widget: <c>hello</c>, <c>message</c>, <c>typing</c> or <c>ack</c> (see docs/plugins.md); each
/// type uses some of the fields.
/// </summary>
internal sealed record VisitorFrame
{
    public string? Type { get; init; }

    /// <summary>hello: the session token from an earlier welcome, to resume her conversation.</summary>
    public string? Token { get; init; }

    /// <summary>hello: the last conversation entry she has (its <c>seq</c>); later ones are replayed.</summary>
    public long After { get; init; }

    public string? Name { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    /// <summary>hello: the page the widget is embedded in.</summary>
    public string? Page { get; init; }

    /// <summary>message: her own id for it, so a resend after a reconnect is stored once; ack: the agent message's id.</summary>
    public string? Id { get; init; }

    public string? Text { get; init; }

    public IReadOnlyList<FrameAttachment>? Attachments { get; init; }

    /// <summary>ack: <c>delivered</c> or <c>read</c>.</summary>
    public string? Status { get; init; }
}
