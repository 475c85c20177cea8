using System.Net;
using Inbox.MediaServer.Grpc.Services;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace Inbox.MediaServer.Grpc;

/// <summary>Kestrel's two endpoints and the gRPC services mapped on them.</summary>
internal static class ApiEndpoints
{
    /// <summary>
    /// Listens on <c>Api:ListenAddress</c> only (ASP.NET Core's URL settings are ignored), cleartext: <c>Api:Port</c>
    /// with HTTP/2 alone, so gRPC clients connect with prior knowledge, and <c>Api:WebPort</c> with HTTP/1.1 for
    /// gRPC-Web. One port cannot do both in Kestrel yet: on a cleartext HTTP/1.1-and-2 endpoint it answers an HTTP/2
    /// preface with HTTP_1_1_REQUIRED (dotnet/aspnetcore#56984; ApiProtocolTests shows it).
    /// </summary>
    public static IWebHostBuilder ConfigureInboxApi(this IWebHostBuilder webHost) =>
        webHost.ConfigureKestrel(kestrel =>
        {
            var api = kestrel.ApplicationServices.GetRequiredService<IOptions<ApiOptions>>().Value;
            var listeners = kestrel.ApplicationServices.GetRequiredService<ApiListeners>();
            var address = IPAddress.Parse(api.ListenAddress);
            kestrel.AddServerHeader = false;

            // Kestrel's own 30 MB body limit would refuse inline attachments before gRPC's message limit is reached.
            // Room for the largest message base64-encoded (gRPC-Web's text mode) plus framing.
            kestrel.Limits.MaxRequestBodySize = (long)api.MaxMessageSize * 4 / 3 + 64 * 1024;
            kestrel.Listen(address, api.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listeners.Grpc = listen;
            });
            kestrel.Listen(address, api.WebPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                listeners.Web = listen;
            });
        });

    public static WebApplication MapInboxApi(this WebApplication app)
    {
        app.UseRouting();
        app.UseWebSockets();
        app.UseCors();
        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        var cors = ApiServiceCollectionExtensions.CorsPolicy;
        app.MapGrpcService<AgentsGrpcService>().RequireCors(cors);
        app.MapGrpcService<InteractionsGrpcService>().RequireCors(cors);
        app.MapGrpcService<ChatsGrpcService>().RequireCors(cors);
        app.MapGrpcService<CampaignsGrpcService>().RequireCors(cors);
        app.MapGrpcService<EventsGrpcService>().RequireCors(cors);
        app.MapGrpcService<CallsGrpcService>().RequireCors(cors);
        app.MapGrpcService<AgentCallsGrpcService>().RequireCors(cors);
        app.MapGrpcService<ChannelsGrpcService>().RequireCors(cors);

        // Providers post webhooks over HTTP/1.1, so they reach the plugins through the web port.
        app.Map(Plugins.WebhookRouter.Pattern, app.Services.GetRequiredService<Plugins.WebhookRouter>().HandleAsync);
        app.MapGrpcHealthChecksService().RequireCors(cors);
        app.MapGrpcReflectionService();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var listeners = app.Services.GetRequiredService<ApiListeners>();
            GrpcLog.Listening(app.Logger, listeners.GrpcAddress, listeners.WebAddress);
        });
        return app;
    }
}
