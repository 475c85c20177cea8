using Inbox.Media.Sdp;
using Inbox.Media.Transport;

namespace Inbox.Telephony.Legs;

/// <summary>
/// Our SDP offer to an agent's phone and the ports it names, until the answer turns it into a <see cref="MediaLeg"/>
/// (which then owns the ports). Disposing an offer that was never answered gives the ports back.
/// </summary>
internal sealed class MediaOffer(RtpSocketPair sockets, SdpLocalMedia local, SdpSessionDescription description) : IDisposable
{
    private RtpSocketPair? _sockets = sockets;

    public SdpLocalMedia Local { get; } = local;

    public SdpSessionDescription Description { get; } = description;

    public byte[] Sdp { get; } = SdpWriter.WriteUtf8(description);

    /// <summary>Hands the ports over to the leg the answer builds; null when already taken or disposed.</summary>
    public RtpSocketPair? Take() => Interlocked.Exchange(ref _sockets, null);

    public void Dispose() => Take()?.Dispose();
}
