namespace Inbox.Plugins.WebChat.Protocol;

/// <summary>The answer to hello: her session token (keep it to resume) and her visitor id.</summary>
internal sealed record WelcomeFrame(string Token, string Visitor, long MaxAttachmentBytes, int MaxTextLength)
{
    public string Type { get; init; } = "welcome";
}
