using Inbox.MediaServer.Grpc;
using Inbox.MediaServer.Storage;
using Inbox.Sip.Transport;
using Microsoft.Extensions.Options;

namespace Inbox.MediaServer.Hosting;

/// <summary>Builds the server: configuration, logging, services, Kestrel and the API. Program.cs and the tests share it.</summary>
internal static class InboxApplication
{
    /// <param name="configure">A last word on the builder, for tests (e.g. a channel of their own).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInboxConfiguration(args);

        // A failed start is reported once, readably, by Program; the host's own error entry would repeat it as a stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddSystemd();
        builder.Services.AddInboxServer(builder.Configuration, detailedErrors: builder.Environment.IsDevelopment());
        builder.WebHost.ConfigureInboxApi();
        configure?.Invoke(builder);
        var app = builder.Build();
        app.MapInboxApi();

        // Said once everything listens, SIP and the API alike, so whoever waits for it can connect at once.
        app.Lifetime.ApplicationStarted.Register(() => LogStarted(app));
        return app;
    }

    private static void LogStarted(WebApplication app)
    {
        var api = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        var sip = app.Services.GetRequiredService<IOptions<SipTransportOptions>>().Value;
        var database = app.Services.GetRequiredService<InboxDatabase>().Path;
        HostLog.Started(app.Logger, sip.Port, api.Port, api.WebPort, database);
    }
}
