using Inbox.Contracts.Channels;

namespace Inbox.Plugins.WebChat.Widget;

/// <summary>
/// The widget a site embeds, served as GET routes: <c>widget</c> (the chat page, for an iframe) and <c>embed.js</c>
/// (a script tag that adds that iframe as a floating button). Both are embedded in the assembly: no build step, no CDN.
/// </summary>
internal sealed class WidgetFiles
{
    public const string PagePath = "widget";
    public const string ScriptPath = "embed.js";

    private readonly WebhookResponse _page = Load("widget.html", "text/html; charset=utf-8");
    private readonly WebhookResponse _script = Load("embed.js", "text/javascript; charset=utf-8");

    public Task<WebhookResponse> PageAsync(WebhookRequest request, CancellationToken cancellationToken) => Serve(request, _page);

    public Task<WebhookResponse> ScriptAsync(WebhookRequest request, CancellationToken cancellationToken) => Serve(request, _script);

    private static Task<WebhookResponse> Serve(WebhookRequest request, WebhookResponse file) =>
        Task.FromResult(request.Method is "GET" or "HEAD" ? file : WebhookResponse.Text(405, "GET only"));

    private static WebhookResponse Load(string name, string contentType)
    {
        using var stream = typeof(WidgetFiles).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The plugin assembly lacks its {name} resource.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new WebhookResponse(200, contentType, copy.ToArray());
    }
}
