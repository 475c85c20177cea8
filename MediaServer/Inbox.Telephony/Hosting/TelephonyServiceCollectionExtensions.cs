using Inbox.Interactions.Channels;
using Inbox.Sip.Stack;
using Inbox.Sip.Transactions;
using Inbox.Telephony.Calls;
using Inbox.Telephony.Features;
using Inbox.Telephony.Legs;
using Inbox.Telephony.Phones;
using Inbox.Telephony.Routing;
using Inbox.Telephony.Trunks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// Registration extensions live beside IServiceCollection, as the framework's own do.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers call control: inbound calls to configured numbers queue as pending telephony interactions; agents' "New"
/// calls go out through the campaigns' trunks.
/// </summary>
internal static class TelephonyServiceCollectionExtensions
{
    public const string Section = TelephonyOptions.SectionName;

    /// <summary>
    /// Binds <c>Telephony</c> (validated at start against the campaigns) and adds the INVITE and BYE handlers to the SIP
    /// stack. Needs the media engine (<c>AddInboxMedia</c>), the inbox engine, the SIP stack and the
    /// <see cref="RecordingFolder"/> (the data folder) registered by the host.
    /// </summary>
    public static IServiceCollection AddInboxTelephony(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new SipTimerOptions());
        services.AddOptions<TelephonyOptions>().BindConfiguration(Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelephonyOptions>, TelephonyOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelephonyOptions>, TrunkOptionsValidator>());
        services.TryAddSingleton<NumberRouter>();
        services.TryAddSingleton<TrunkRouter>();
        services.TryAddSingleton<ITelephonyInbox, InboxEngineTelephonyInbox>();
        services.TryAddSingleton<MediaLegFactory>();
        services.TryAddSingleton<HoldMusicLibrary>();
        services.TryAddSingleton<CallRegistry>();
        services.TryAddSingleton<IAgentPhoneLocator, RegistrarPhoneLocator>();
        services.TryAddSingleton<PhoneAuthenticator>();
        services.TryAddSingleton<CallQualityMonitor>();
        services.TryAddSingleton<CallRecordings>();
        services.TryAddSingleton<CallFeatureFactory>();
        services.TryAddSingleton<CallHandler>();
        services.TryAddSingleton<CallControl>();
        services.TryAddSingleton<ConferenceControl>();
        services.TryAddSingleton<ParkingLot>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IInteractionChannel, TelephonyChannel>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISipRequestHandler, CallHandler>(sp => sp.GetRequiredService<CallHandler>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISipRequestHandler, ByeHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISipRequestHandler, ReferHandler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISipRequestHandler, InfoHandler>());
        return services;
    }
}
