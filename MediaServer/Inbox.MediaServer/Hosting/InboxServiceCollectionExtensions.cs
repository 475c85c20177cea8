using Inbox.Interactions.Directory;
using Inbox.Interactions.Storage;
using Inbox.Media.Clock;
using Inbox.Media.Quality;
using Inbox.Media.Transport;
using Inbox.MediaServer.Grpc;
using Inbox.MediaServer.Interactions;
using Inbox.MediaServer.Media;
using Inbox.MediaServer.Sip;
using Inbox.MediaServer.Storage;
using Inbox.MediaServer.Telephony;
using Inbox.Sip.Registration;
using Inbox.Sip.Stack;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;
using Inbox.Telephony.Features;
using Inbox.Telephony.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Inbox.MediaServer.Hosting;

/// <summary>The composition root: options, storage, the SIP stack and the hosted services.</summary>
internal static class InboxServiceCollectionExtensions
{
    private static readonly Dictionary<Type, string> s_sections = new()
    {
        [typeof(InboxOptions)] = InboxOptions.SectionName,
        [typeof(SipTransportOptions)] = SipTransportOptions.SectionName,
        [typeof(SipRegistrarOptions)] = SipRegistrarOptions.SectionName,
        [typeof(SipStackOptions)] = SipStackOptions.SectionName,
        [typeof(AgentDirectoryOptions)] = "Agents",
        [typeof(ApiOptions)] = ApiOptions.SectionName,
        [typeof(AttachmentOptions)] = AttachmentOptions.SectionName,
        [typeof(InboxStoreOptions)] = InboxStoreOptions.SectionName,
        [typeof(SipTimerOptions)] = "Sip:Timers",
        [typeof(RtpPortRange)] = MediaServiceCollectionExtensions.RtpSection,
        [typeof(MediaClockOptions)] = MediaServiceCollectionExtensions.ClockSection,
        [typeof(QualityOptions)] = MediaServiceCollectionExtensions.QualitySection,
        [typeof(RtpReceiveOptions)] = MediaServiceCollectionExtensions.ReceiveSection,
        [typeof(TelephonyOptions)] = TelephonyServiceCollectionExtensions.Section,
        [typeof(Plugins.PluginOptions)] = Plugins.PluginOptions.SectionName,
    };

    /// <summary>The configuration section an options type is bound from, for error messages.</summary>
    public static string SectionOf(Type? optionsType) =>
        optionsType is not null && s_sections.TryGetValue(optionsType, out var section) ? section : optionsType?.Name ?? "?";

    /// <param name="detailedErrors">Whether gRPC sends exception details to clients (Development only).</param>
    public static IServiceCollection AddInboxServer(this IServiceCollection services, IConfiguration configuration, bool detailedErrors = false)
    {
        services.TryAddSingleton(TimeProvider.System);
        AddValidatedOptions<InboxOptions>(services, InboxOptions.SectionName);
        AddValidatedOptions<SipTransportOptions>(services, SipTransportOptions.SectionName);
        AddValidatedOptions<SipRegistrarOptions>(services, SipRegistrarOptions.SectionName);
        AddValidatedOptions<SipStackOptions>(services, SipStackOptions.SectionName);
        services.TryAddSingleton(_ => SipTimerOptionsBinder.Bind(configuration.GetSection("Sip:Timers")));

        services.TryAddSingleton(sp => new InboxDatabase(Path.GetFullPath(sp.GetRequiredService<IOptions<InboxOptions>>().Value.DataDirectory)));
        services.TryAddSingleton<ISipBindingStore, SqliteBindingStore>();
        services.TryAddSingleton<SipBindingTable>();

        services.TryAddSingleton<SipTransportCounters>();
        services.TryAddSingleton<SipTransportLayer>();
        services.TryAddSingleton<ISipTransport>(sp => sp.GetRequiredService<SipTransportLayer>());
        services.AddSipCredentials();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISipRequestHandler, SipRegistrar>());
        services.TryAddSingleton<SipStack>();
        services.AddInboxMedia();
        services.TryAddSingleton(sp => new RecordingFolder(sp.GetRequiredService<IOptions<InboxOptions>>().Value.DataDirectory));
        services.AddInboxTelephony();
        services.AddHostedService<MediaHostedService>();
        services.AddHostedService<SipHostedService>();

        // After SIP, so it stops first: calls are hung up before the transport closes.
        services.AddHostedService<TelephonyHostedService>();

        // Registered after SIP and media so it starts after them; the API (Kestrel) starts after every hosted service.
        services.AddInboxInteractions(configuration);
        services.AddChannelPlugins();
        services.AddInboxApi(detailedErrors);
        return services;
    }

    private static void AddValidatedOptions<T>(IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
