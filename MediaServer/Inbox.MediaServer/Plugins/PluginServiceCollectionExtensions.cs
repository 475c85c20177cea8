using Inbox.MediaServer.Plugins;
using Microsoft.Extensions.DependencyInjection.Extensions;

// Registration extensions live beside IServiceCollection, as the framework's own do.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the channel plugin host: the loader, the webhook router and the channels' health.</summary>
internal static class PluginServiceCollectionExtensions
{
    /// <summary>Binds <c>Plugins</c>; plugins start after the inbox (their sink is the engine), in the background.</summary>
    public static IServiceCollection AddChannelPlugins(this IServiceCollection services)
    {
        services.AddOptions<PluginOptions>().BindConfiguration(PluginOptions.SectionName);
        services.TryAddSingleton<ChannelCatalog>();
        services.TryAddSingleton<WebhookRouter>();
        services.TryAddSingleton<ChannelPluginService>();
        services.AddHostedService(sp => sp.GetRequiredService<ChannelPluginService>());
        services.AddHealthChecks().AddCheck<ChannelHealthCheck>("channels");
        return services;
    }
}
