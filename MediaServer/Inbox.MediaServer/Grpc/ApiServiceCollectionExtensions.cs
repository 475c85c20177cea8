using Grpc.AspNetCore.Server;
using Inbox.MediaServer.Grpc;
using Inbox.MediaServer.Grpc.Auth;
using Inbox.MediaServer.Grpc.Idempotency;
using Inbox.MediaServer.Interactions;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// Registration extensions live beside IServiceCollection, as the framework's own do.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the gRPC control API: options, interceptors, health, reflection and CORS for gRPC-Web.</summary>
internal static class ApiServiceCollectionExtensions
{
    /// <summary>The CORS policy that lets <c>Api:AllowedOrigins</c> call the API with gRPC-Web.</summary>
    public const string CorsPolicy = "grpc-web";

    public static IServiceCollection AddInboxApi(this IServiceCollection services, bool detailedErrors)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>());
        services.TryAddSingleton<ApiListeners>();
        services.TryAddSingleton<RequestCache>();
        services.TryAddSingleton<ErrorMappingInterceptor>();
        services.TryAddSingleton<SessionAuthInterceptor>();

        services.AddGrpc(options =>
        {
            // Outermost first: errors are mapped for everything inside, authentication included.
            options.Interceptors.Add<ErrorMappingInterceptor>();
            options.Interceptors.Add<SessionAuthInterceptor>();
            options.EnableDetailedErrors = detailedErrors;
        });
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<ApiOptions>>((grpc, api) => grpc.MaxReceiveMessageSize = api.Value.MaxMessageSize);
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks().AddCheck<InboxReadiness>("inbox");
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<ApiOptions>>((cors, api) =>
            cors.AddPolicy(CorsPolicy, policy => policy
                .WithOrigins([.. api.Value.AllowedOrigins])
                .AllowAnyMethod()
                .AllowAnyHeader()
                .WithExposedHeaders("Grpc-Status", "Grpc-Message", "Grpc-Encoding", "Grpc-Accept-Encoding")));
        return services;
    }
}
