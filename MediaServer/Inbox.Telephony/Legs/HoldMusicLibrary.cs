using System.Collections.Concurrent;
using Inbox.Interactions.Directory;
using Inbox.Media.Players;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Inbox.Telephony.Legs;

/// <summary>
/// The source a queued caller hears: her campaign's <c>HoldMusic</c> WAV file (decoded once per file and rate, then
/// shared), else <see cref="DefaultHoldMusic"/>. A file that cannot be read is logged and the default plays. Thread-safe.
/// </summary>
internal sealed class HoldMusicLibrary(IOptionsMonitor<AgentDirectoryOptions> directory, ILogger<HoldMusicLibrary> logger)
{
    private readonly ConcurrentDictionary<(string Path, int Rate), AudioClip?> _clips = new();

    public IAudioFrameSource Create(string campaignId, int sampleRate)
    {
        var file = directory.CurrentValue.Campaigns.Find(c => string.Equals(c.Id, campaignId, StringComparison.Ordinal))?.HoldMusic;
        if (string.IsNullOrWhiteSpace(file))
        {
            return new DefaultHoldMusic(sampleRate);
        }

        var clip = _clips.GetOrAdd((Path.GetFullPath(file), sampleRate), Load);
        return clip is null ? new DefaultHoldMusic(sampleRate) : new WavFilePlayer(clip);
    }

    private AudioClip? Load((string Path, int Rate) key)
    {
        try
        {
            return AudioClip.LoadWav(key.Path, key.Rate);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            TelephonyLog.HoldMusicUnreadable(logger, key.Path, e);
            return null;
        }
    }
}
