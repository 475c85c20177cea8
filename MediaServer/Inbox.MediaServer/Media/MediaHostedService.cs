using Inbox.Media.Clock;
using Inbox.Media.Codecs;

namespace Inbox.MediaServer.Media;

/// <summary>Starts the media clock with the host and stops it after SIP has stopped taking calls.</summary>
internal sealed class MediaHostedService(MediaClock clock, AudioCodecFactory codecs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Operators should know whether transcoding to Opus runs on native libopus or the slower managed codec.
        codecs.LogOpusImplementation();
        return clock.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => clock.StopAsync(cancellationToken);
}
