namespace Inbox.Media.Transport;

/// <summary>How the media engine reads its sockets (section <c>Media:Receive</c>).</summary>
internal sealed class RtpReceiveOptions
{
    public const string SectionName = "Media:Receive";

    /// <summary>Default <see cref="RtpReceiveEngineKind.Auto"/>: the cheapest engine this machine supports.</summary>
    public RtpReceiveEngineKind Engine { get; set; } = RtpReceiveEngineKind.Auto;

    /// <summary>Receive threads for the Ring and Batched engines; 0 (default) means one per processor.</summary>
    public int Workers { get; set; }
}
