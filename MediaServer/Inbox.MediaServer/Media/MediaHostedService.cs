using Inbox.Media.Clock;
using Inbox.Media.Codecs;
using Inbox.Media.Transport;

using Inbox.MediaServer.Hosting;

namespace Inbox.MediaServer.Media;

/// <summary>
/// Starts the media clock and the receive engine with the host, and stops the clock after SIP has stopped taking calls.
/// </summary>
internal sealed class MediaHostedService(MediaClock clock, AudioCodecFactory codecs, RtpReceivePath receive, ILogger<MediaHostedService> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Operators should know whether transcoding to Opus runs on native libopus or the slower managed codec,
        // and which engine reads the media sockets.
        codecs.LogOpusImplementation();
        HostLog.MediaReceiveEngine(logger, receive.Description);
        return clock.StartAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => clock.StopAsync(cancellationToken);
}
