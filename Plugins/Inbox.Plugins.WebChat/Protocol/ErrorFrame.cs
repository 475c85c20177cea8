namespace Inbox.Plugins.WebChat.Protocol;

/// <summary>A frame was refused; <see cref="Id"/> names her message when it was one.</summary>
internal sealed record ErrorFrame(string Code, string Message, string? Id = null)
{
    public string Type { get; init; } = "error";
}
