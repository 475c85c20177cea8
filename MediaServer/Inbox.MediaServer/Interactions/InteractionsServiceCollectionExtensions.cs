using Inbox.Interactions.Agents;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Directory;
using Inbox.Interactions.Engine;
using Inbox.Interactions.Events;
using Inbox.Interactions.Messages;
using Inbox.Interactions.Storage;
using Inbox.MediaServer.Hosting;
using Inbox.MediaServer.Interactions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// Registration extensions live beside IServiceCollection, as the framework's own do.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the inbox: its directory, store, attachments, sessions, events and the engine.</summary>
internal static class InteractionsServiceCollectionExtensions
{
    /// <summary>
    /// Binds the directory (top-level <c>Agents</c>, <c>Campaigns</c>, <c>Dispositions</c>, <c>PauseReasons</c>),
    /// <c>Storage</c>, <c>Attachments</c> and <c>Inbox:Outbox</c>, validated at start, and adds the engine with the hosted service that starts it and
    /// follows configuration changes. Channels are the <see cref="IInteractionChannel"/>s registered by then.
    /// </summary>
    public static IServiceCollection AddInboxInteractions(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        // Validated once at start; reloads come through the unvalidated "reload" name (see InboxHostedService).
        services.AddOptions<AgentDirectoryOptions>().Configure(options => configuration.Bind(options)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AgentDirectoryOptions>(InboxHostedService.ReloadName).Bind(configuration);
        services.AddOptions<InboxStoreOptions>().BindConfiguration(InboxStoreOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AttachmentOptions>().BindConfiguration(AttachmentOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>());

        services.TryAddSingleton(sp => InboxDirectory.From(sp.GetRequiredService<IOptionsMonitor<AgentDirectoryOptions>>().CurrentValue));
        services.TryAddSingleton<EventHub>();
        services.TryAddSingleton<AgentSessions>();
        services.TryAddSingleton(sp => new ChannelRegistry(sp.GetServices<IInteractionChannel>()));
        services.TryAddSingleton(sp => new AttachmentStore(
            DataDirectoryOf(sp), sp.GetRequiredService<IOptions<AttachmentOptions>>().Value.ToLimits()));
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<OutboxOptions>>().Value.ToPolicy());
        services.TryAddSingleton(sp => InboxStoreFactory.Create(sp.GetRequiredService<IOptions<InboxStoreOptions>>().Value, DataDirectoryOf(sp)));
        services.TryAddSingleton<InboxEngine>();
        services.TryAddSingleton<InboxReadiness>();
        services.AddHostedService<InboxHostedService>();
        return services;
    }

    private static string DataDirectoryOf(IServiceProvider services) =>
        Path.GetFullPath(services.GetRequiredService<IOptions<InboxOptions>>().Value.DataDirectory);
}
