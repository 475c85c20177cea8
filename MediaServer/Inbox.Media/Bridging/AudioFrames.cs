namespace Inbox.Media.Bridging;

/// <summary>The media clock's frame: 20 ms, so 50 frames a second (RFC 3551 §4.5 default packetisation).</summary>
internal static class AudioFrames
{
    public const int PerSecond = 50;
}
