using System.Collections.Immutable;
using System.Net;
using System.Text.Json.Nodes;
using Grpc.Net.Client;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Engine;
using Inbox.MediaServer.Grpc;
using Inbox.MediaServer.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Inbox.MediaServer.Tests;

/// <summary>
/// The real host, built as Program builds it, started in-process on loopback port 0 with its own config and data
/// folders. Campaign "support" (ana, bruno; WhatsApp and web chat) and "sales" (carla); sara supervises. Offers and
/// transfers wait long enough for a loaded machine; a test that watches one lapse shortens it with
/// <see cref="Lapsing"/>.
/// </summary>
internal sealed class ApiServer : IAsyncDisposable
{
    public static readonly TimeSpan OfferTimeout = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan TransferTimeout = TimeSpan.FromSeconds(10);

    private readonly string _folder;

    // The test's last word on the services, given again to a restarted server.
    private readonly Action<IServiceCollection>? _services;

    private ApiServer(string folder, WebApplication app, TestChannel whatsApp, TestOutputLoggerProvider log, Action<IServiceCollection>? services)
    {
        Log = log;
        _folder = folder;
        _services = services;
        App = app;
        WhatsApp = whatsApp;
        var listeners = app.Services.GetRequiredService<ApiListeners>();
        Address = listeners.GrpcAddress;
        WebAddress = listeners.WebAddress;
        Connection = GrpcChannel.ForAddress(Address, new GrpcChannelOptions { MaxSendMessageSize = null, MaxReceiveMessageSize = null });
    }

    public WebApplication App { get; }

    /// <summary>Where gRPC (HTTP/2) is served.</summary>
    public Uri Address { get; }

    /// <summary>Where gRPC-Web (HTTP/1.1) is served.</summary>
    public Uri WebAddress { get; }

    /// <summary>A gRPC channel over HTTP/2 cleartext (prior knowledge) to the API.</summary>
    public GrpcChannel Connection { get; }

    /// <summary>The host's WhatsApp channel: what the inbox sent through it.</summary>
    public TestChannel WhatsApp { get; }

    /// <summary>What the server logged.</summary>
    public TestOutputLoggerProvider Log { get; }

    public InboxEngine Engine => App.Services.GetRequiredService<InboxEngine>();

    public string ConfigPath => Path.Combine(_folder, "config", "appsettings.json");

    public string DataDirectory => Path.Combine(_folder, "data");

    /// <param name="configure">Edits the test configuration before the server reads it.</param>
    /// <param name="services">A last word on the server's services (e.g. its clock), after the test WhatsApp channel is added.</param>
    public static async Task<ApiServer> StartAsync(Action<JsonObject>? configure = null, Action<IServiceCollection>? services = null)
    {
        var folder = Directory.CreateTempSubdirectory("inbox-api-").FullName;
        var settings = Settings(Path.Combine(folder, "data"));
        configure?.Invoke(settings);
        Directory.CreateDirectory(Path.Combine(folder, "config"));
        await File.WriteAllTextAsync(Path.Combine(folder, "config", "appsettings.json"), settings.ToJsonString());

        try
        {
            return await LaunchAsync(folder, services);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Stops this server and starts another on the same configuration and data folders, as an operator's restart
    /// would. Dispose the one returned; this one is done with.
    /// </summary>
    public async Task<ApiServer> RestartAsync()
    {
        await StopAsync();
        return await LaunchAsync(_folder, _services);
    }

    /// <summary>Rewrites the configuration file as an operator would while the server runs.</summary>
    public async Task EditSettingsAsync(Action<JsonObject> edit)
    {
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(ConfigPath, TestContext.Current.CancellationToken))!.AsObject();
        edit(settings);
        await File.WriteAllTextAsync(ConfigPath, settings.ToJsonString(), TestContext.Current.CancellationToken);
    }

    public AgentApi Agent(string agentId) => new(Connection, agentId);

    /// <summary>Makes the support campaign's offers or transfers lapse after <paramref name="after"/>, to watch the timers fire.</summary>
    public static Action<JsonObject> Lapsing(string timeout, TimeSpan after) => settings => settings["Campaigns"]![0]![timeout] = after.ToString();

    /// <summary>A customer writes on WhatsApp, as the channel would deliver it; returns the interaction's id.</summary>
    public async Task<string> CustomerWritesAsync(string address, string text, string? providerId = null)
    {
        var message = await Engine.ReceiveMessageAsync(
            new InboundMessage(ChannelKind.WhatsApp, "support", address, "Customer " + address, text, providerId ?? Guid.NewGuid().ToString("N"), ImmutableArray<AttachmentUpload>.Empty),
            TestContext.Current.CancellationToken);
        return message.InteractionId;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task<ApiServer> LaunchAsync(string folder, Action<IServiceCollection>? services)
    {
        // Configuration files are watched by polling here: a disposed host's file watchers keep their inotify instances
        // until the process ends, and a run starting a server per test reached the per-user limit (128 by default).
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        var whatsApp = new TestChannel(ChannelKind.WhatsApp);
        var log = new TestOutputLoggerProvider();
        var app = InboxApplication.Build(["--config-dir", Path.Combine(folder, "config")], builder =>
        {
            builder.Services.AddSingleton<IInteractionChannel>(whatsApp);
            builder.Logging.ClearProviders().AddProvider(log);
            services?.Invoke(builder.Services);
        });
        try
        {
            await app.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new ApiServer(folder, app, whatsApp, log, services);
    }

    private async Task StopAsync()
    {
        Connection.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }

    private static JsonObject Settings(string dataDirectory) => new()
    {
        ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
        ["Inbox"] = new JsonObject { [nameof(DataDirectory)] = dataDirectory },
        ["Api"] = new JsonObject { ["ListenAddress"] = IPAddress.Loopback.ToString(), ["Port"] = 0, ["WebPort"] = 0 },
        ["Sip"] = new JsonObject { ["Transport"] = new JsonObject { ["ListenAddresses"] = new JsonArray("127.0.0.1"), ["Port"] = 0 } },
        ["Campaigns"] = new JsonArray(
            new JsonObject
            {
                ["Id"] = "support",
                ["Name"] = "Support",
                ["OfferTimeout"] = OfferTimeout.ToString(),
                ["TransferTimeout"] = TransferTimeout.ToString(),
                ["Channels"] = new JsonArray(
                    new JsonObject { ["Kind"] = "WhatsApp", ["WrapUp"] = "00:00:30", ["MaxPerAgent"] = 3 },
                    new JsonObject { ["Kind"] = "WebChat", ["WrapUp"] = "00:00:30", ["Outbound"] = false }),
                ["Templates"] = new JsonArray(new JsonObject
                {
                    ["Id"] = "followup",
                    ["Channel"] = "WhatsApp",
                    ["Name"] = "followup",
                    ["Body"] = "Hello {{1}}, about your request {{2}}.",
                    ["Approved"] = true,
                }),
                ["Dispositions"] = new JsonArray(new JsonObject
                {
                    ["Code"] = "solved",
                    ["Name"] = "Solved",
                    ["Children"] = new JsonArray(new JsonObject { ["Code"] = "first-contact", ["Name"] = "First contact" }),
                }),
            },
            new JsonObject
            {
                ["Id"] = "sales",
                ["Name"] = "Sales",
                ["Channels"] = new JsonArray(new JsonObject { ["Kind"] = "Sms" }),
            }),
        ["Dispositions"] = new JsonArray(new JsonObject { ["Code"] = "spam", ["Name"] = "Spam" }),
        ["Agents"] = new JsonArray(
            new JsonObject { ["Id"] = "ana", ["Name"] = "Ana", ["Campaigns"] = new JsonArray("support"), ["ApiKey"] = "key-ana" },
            new JsonObject { ["Id"] = "bruno", ["Name"] = "Bruno", ["Campaigns"] = new JsonArray("support"), ["ApiKey"] = "key-bruno" },
            new JsonObject { ["Id"] = "carla", ["Name"] = "Carla", ["Campaigns"] = new JsonArray("sales"), ["ApiKeyHash"] = ApiKeyHash.Create("key-carla", iterations: 1000) },
            new JsonObject { ["Id"] = "sara", ["Name"] = "Sara", ["Role"] = "Supervisor", ["ApiKey"] = "key-sara" }),
    };
}
