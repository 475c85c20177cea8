using System.Globalization;
using Inbox.Contracts.Channels;
using Inbox.Plugins.WebChat.Visitors;
using Inbox.Plugins.WebChat.Widget;

namespace Inbox.Plugins.WebChat;

/// <summary>
/// Web chat: visitors talk through a WebSocket at <c>/channels/&lt;id&gt;/socket</c> from the widget page at
/// <c>/channels/&lt;id&gt;/widget</c>. Each visitor keeps a session token; her conversation and the agent messages
/// she has not yet received are kept in the plugin's data folder, so she resumes it after a reconnect or a server
/// restart. Text, images and documents.
/// </summary>
public sealed class WebChatChannel : IChannelPlugin
{
    public const string SocketPath = "socket";

    private WebChatConversations? _conversations;

    public IReadOnlyList<ChannelSetting> Settings => WebChatOptions.Settings;

    public ChannelCapabilities Capabilities { get; private set; } = CapabilitiesFor(WebChatOptions.DefaultMaxAttachmentBytes);

    public Task StartAsync(IChannelHost host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var options = WebChatOptions.Read(host.Configuration, host.ChannelId);
        Capabilities = CapabilitiesFor(options.MaxAttachmentBytes);
        var logger = host.LoggerFactory.CreateLogger(typeof(WebChatChannel).FullName!);
        _conversations = new WebChatConversations(host.ChannelId, new VisitorStore(host.DataDirectory), options, host.Sink, host.Time, logger);
        var socket = new VisitorSocket(host.ChannelId, _conversations, options, host.Time, logger);
        var widget = new WidgetFiles();
        host.MapWebSocket(SocketPath, (webSocket, _, ending) => socket.RunAsync(webSocket, ending));
        host.MapWebhook(WidgetFiles.PagePath, widget.PageAsync);
        host.MapWebhook(WidgetFiles.ScriptPath, widget.ScriptAsync);
        return Task.CompletedTask;
    }

    public Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return _conversations!.DeliverAsync(message, cancellationToken);
    }

    public Task SendTypingAsync(AgentTyping typing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(typing);
        return _conversations!.ShowTypingAsync(typing, cancellationToken);
    }

    // The server is the provider: it is healthy while it runs, and says how many visitors are online.
    public Task<ChannelHealth> CheckHealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult(_conversations is null ? ChannelHealth.Healthy : new ChannelHealth(true, VisitorsOnline(_conversations.VisitorCount)));

    private static string VisitorsOnline(int count) => count == 1 ? "1 visitor online" : string.Create(CultureInfo.InvariantCulture, $"{count} visitors online");

    // Open sockets end with the server: their handlers' tokens are cancelled as it stops.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static ChannelCapabilities CapabilitiesFor(long maxAttachmentBytes) =>
        new(AttachmentKinds.Image | AttachmentKinds.Document, VoiceNotes: false, Templates: false, MessagingWindow: null,
            WebChatOptions.MaxTextLength, maxAttachmentBytes)
        {
            ShowsAgentTyping = true,
        };
}
