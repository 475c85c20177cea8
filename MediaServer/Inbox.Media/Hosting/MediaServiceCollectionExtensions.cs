using Inbox.Media.Clock;
using Inbox.Media.Codecs;
using Inbox.Media.Quality;
using Inbox.Media.Transport;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// Registration extensions live beside IServiceCollection, as the framework's own do.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the media engine: ports, the media clock, codecs and quality scoring.</summary>
internal static class MediaServiceCollectionExtensions
{
    public const string RtpSection = RtpPortRange.SectionName;
    public const string ClockSection = "Media:Clock";
    public const string QualitySection = "Media:Quality";
    public const string ReceiveSection = RtpReceiveOptions.SectionName;

    /// <summary>
    /// Binds <c>Media:Rtp</c>, <c>Media:Clock</c>, <c>Media:Quality</c> and <c>Media:Receive</c> (validated at start-up) and adds the
    /// engine's singletons. Nothing is resolved per packet: sessions take these at call set-up.
    /// </summary>
    public static IServiceCollection AddInboxMedia(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<RtpPortRange>().BindConfiguration(RtpSection).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MediaClockOptions>().BindConfiguration(ClockSection).ValidateOnStart();
        services.AddOptions<QualityOptions>().BindConfiguration(QualitySection).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QualityOptions>, QualityOptionsValidator>());
        services.TryAddSingleton(sp => new RtpPortAllocator(sp.GetRequiredService<IOptions<RtpPortRange>>().Value));
        services.TryAddSingleton<MediaClock>();
        services.TryAddSingleton(sp => new AudioCodecFactory(sp.GetRequiredService<ILogger<AudioCodecFactory>>()));
        services.TryAddSingleton(EModel.Default);
        services.AddOptions<RtpReceiveOptions>().BindConfiguration(ReceiveSection)
            .Validate(o => o.Workers is >= 0 and <= 64, "Media:Receive:Workers must be between 0 (one per processor) and 64.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => RtpReceivePath.Start(sp.GetRequiredService<IOptions<RtpReceiveOptions>>().Value));
        return services;
    }
}
