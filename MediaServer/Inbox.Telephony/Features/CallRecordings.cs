using Inbox.Interactions.Directory;
using Inbox.Media.Bridging;
using Inbox.Media.Clock;
using Inbox.Media.Codecs;
using Inbox.Media.Recording;
using Inbox.Telephony.Legs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Features;

/// <summary>
/// Starts the recording of a bridged call when its campaign says so (<c>Campaigns[i]:Recording</c>, read at each
/// bridge, so a reload applies to the next calls). Thread-safe.
/// </summary>
internal sealed class CallRecordings(
    RecordingFolder folder, IOptionsMonitor<AgentDirectoryOptions> directory, AudioCodecFactory codecs, MediaClock clock, TimeProvider timeProvider,
    ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<CallRecordings>();

    public bool IsEnabled(string campaignId) =>
        directory.CurrentValue.Campaigns.Find(c => string.Equals(c.Id, campaignId, StringComparison.Ordinal)) is { Recording: true };

    /// <summary>
    /// A started recording of <paramref name="customer"/>, at the higher of her rate and the first agent's
    /// (<paramref name="agent"/>, whose decoder the caller adds); null when the campaign does not record or the file
    /// cannot be created (logged; the call goes on).
    /// </summary>
    public CallRecording? TryStart(string campaignId, string interactionId, MediaLeg customer, MediaLeg agent)
    {
        if (!IsEnabled(campaignId))
        {
            return null;
        }

        var relativePath = RecordingFolder.RelativePath(interactionId, timeProvider.GetUtcNow());
        var path = folder.FullPath(relativePath);
        var rate = Math.Max(customer.OutputRate, agent.OutputRate);
        CallRecorder recorder;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            recorder = new CallRecorder(path, rate, loggers.CreateLogger<CallRecorder>());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TelephonyFeatureLog.RecordingFailed(_logger, path, e);
            return null;
        }

        var recording = new CallRecording(relativePath, recorder, Decoder(customer, rate), clock);
        recording.Start();
        return recording;
    }

    /// <summary>A decoder of <paramref name="leg"/>'s audio at the recording's <paramref name="rate"/>.</summary>
    public DecodedLegInput Decoder(MediaLeg leg, int rate) =>
        new(codecs.Create(leg.Media.Codec.EncodingName), (byte)leg.Media.PayloadType, rate, timeProvider);
}
