using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Grpc.Reflection.V1Alpha;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using V1 = Inbox.Contracts.Grpc.V1;

namespace Inbox.MediaServer.Tests.Grpc;

/// <summary>The API as tools and browsers reach it: HTTP/2 gRPC, gRPC-Web over HTTP/1.1, health and reflection.</summary>
public sealed class ApiProtocolTests
{
    [Fact]
    public async Task Grpc_OnApiPort_TravelsOverHttp2()
    {
        await using var server = await ApiServer.StartAsync();
        var versions = new VersionRecorder(new SocketsHttpHandler());
        using var channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { HttpHandler = versions });

        var signedIn = await new V1.AgentsService.AgentsServiceClient(channel).SignInAsync(
            new V1.SignInRequest { AgentId = "ana", ApiKey = "key-ana" }, AgentApi.Anonymous);

        Assert.Equal("ana", signedIn.Agent.AgentId);
        Assert.Equal(HttpVersion.Version20, Assert.Single(versions.Seen.Distinct()));
    }

    [Fact]
    public async Task GrpcWeb_OverHttp11OnWebPort_Works()
    {
        await using var server = await ApiServer.StartAsync();
        var versions = new VersionRecorder(new SocketsHttpHandler());
        using var channel = GrpcChannel.ForAddress(server.WebAddress, WebOptions(new GrpcWebHandler(GrpcWebMode.GrpcWeb, versions)));
        var ana = new AgentApi(channel, "ana");

        await ana.SignInAsync();
        var campaigns = await ana.Campaigns.ListCampaignsAsync(new V1.ListCampaignsRequest(), ana.Auth);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ana.Interactions.TakeAsync(new V1.TakeRequest(), ana.Auth));

        Assert.Equal("support", Assert.Single(campaigns.Campaigns).Id);
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(HttpVersion.Version11, Assert.Single(versions.Seen.Distinct()));
    }

    [Fact]
    public async Task GrpcWebText_ServerStreamOverHttp11_DeliversEvents()
    {
        await using var server = await ApiServer.StartAsync();
        using var channel = GrpcChannel.ForAddress(server.WebAddress, WebOptions(new GrpcWebHandler(GrpcWebMode.GrpcWebText, new SocketsHttpHandler())));
        var ana = await new AgentApi(channel, "ana").SignInAsync();
        await using var events = ana.Watch();

        var id = await server.CustomerWritesAsync("+5511999990031", "Hello from the web");

        await events.NextAsync(e => e.InteractionChanged?.Interaction.Id == id, "the new interaction");
    }

    [Fact]
    public async Task HealthCheck_OnceStarted_IsServing()
    {
        await using var server = await ApiServer.StartAsync();

        var health = await new Health.HealthClient(server.Connection).CheckAsync(new HealthCheckRequest(), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task Reflection_ListsTheServices()
    {
        await using var server = await ApiServer.StartAsync();
        using var call = new ServerReflection.ServerReflectionClient(server.Connection).ServerReflectionInfo(cancellationToken: TestContext.Current.CancellationToken);

        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = string.Empty }, TestContext.Current.CancellationToken);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(TestContext.Current.CancellationToken));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Superset(
            new HashSet<string>
            {
                "inbox.control.v1.AgentsService",
                "inbox.control.v1.InteractionsService",
                "inbox.control.v1.ChatsService",
                "inbox.control.v1.CampaignsService",
                "inbox.control.v1.EventsService",
                "grpc.health.v1.Health",
            },
            services.ToHashSet());
    }

    /// <summary>
    /// Why the API has two ports: on a cleartext endpoint that allows HTTP/1.1 and HTTP/2, Kestrel answers an HTTP/2
    /// prior-knowledge connection with HTTP_1_1_REQUIRED or a dropped handshake (dotnet/aspnetcore#56984). When this starts to pass the
    /// other way, one port can serve gRPC and gRPC-Web.
    /// </summary>
    [Fact]
    public async Task Kestrel_CleartextHttp1AndHttp2Endpoint_RefusesHttp2PriorKnowledge()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http1AndHttp2));
        await using var app = builder.Build();
        app.MapGet("/", () => "ok");
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var client = new HttpClient { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        var refused = await Assert.ThrowsAsync<HttpRequestException>(async () => await client.GetAsync(address, TestContext.Current.CancellationToken));

        // Kestrel either resets the stream with HTTP_1_1_REQUIRED or drops the connection before the handshake
        // completes, depending on timing; either way HTTP/2 is refused.
        Assert.Matches("HTTP_1_1_REQUIRED|did not complete the HTTP/2 handshake", refused.Message);
    }

    /// <summary>What a browser does: gRPC-Web over HTTP/1.1.</summary>
    private static GrpcChannelOptions WebOptions(GrpcWebHandler handler) => new()
    {
        HttpHandler = handler,
        HttpVersion = HttpVersion.Version11,
        HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    /// <summary>Notes the HTTP version of every response that passes through.</summary>
    private sealed class VersionRecorder(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public List<Version> Seen { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            lock (Seen)
            {
                Seen.Add(response.Version);
            }

            return response;
        }
    }
}
