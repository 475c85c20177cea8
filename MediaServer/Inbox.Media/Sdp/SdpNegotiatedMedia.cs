namespace Inbox.Media.Sdp;

/// <summary>The outcome of a successful negotiation for the audio stream.</summary>
/// <param name="MediaIndex">The index of the audio media description in the offer and answer.</param>
/// <param name="PayloadType">The payload type to send and expect for the chosen codec (the offerer's number).</param>
/// <param name="Codec">The chosen codec from our catalogue.</param>
/// <param name="RemoteFmtp">The peer's format parameters for that codec, or null.</param>
/// <param name="TelephoneEventPayloadType">The RFC 4733 telephone-event payload type, or null when not negotiated.</param>
/// <param name="Direction">What we may do: send, receive, both or neither.</param>
/// <param name="RemoteDirection">What the peer declared, with an old-style c=0.0.0.0 hold counted as not receiving.</param>
/// <param name="RemoteAddress">Where to send RTP: the peer's connection address.</param>
/// <param name="RemotePort">The peer's RTP port.</param>
/// <param name="RemoteRtcpPort">The peer's RTCP port: RTP port with rtcp-mux, else a=rtcp, else RTP port + 1.</param>
/// <param name="RtcpMux">True when both sides agreed to multiplex RTCP on the RTP port.</param>
/// <param name="RemotePtime">The peer's a=ptime, or null.</param>
/// <param name="RemoteAcceptsVoipMetrics">
/// The peer declared <c>a=rtcp-xr</c> with <c>voip-metrics</c> (RFC 3611 §5.1), at media or session level: only then
/// do we send it RTCP XR VoIP metrics blocks.
/// </param>
internal sealed record SdpNegotiatedMedia(
    int MediaIndex,
    int PayloadType,
    SdpCodec Codec,
    string? RemoteFmtp,
    int? TelephoneEventPayloadType,
    SdpDirection Direction,
    SdpDirection RemoteDirection,
    SdpConnection RemoteAddress,
    int RemotePort,
    int RemoteRtcpPort,
    bool RtcpMux,
    int? RemotePtime,
    bool RemoteAcceptsVoipMetrics)
{
    /// <summary>True when the peer put us on hold: it will not receive (sendonly, inactive or c=0.0.0.0).</summary>
    public bool IsRemoteHold => !RemoteDirection.CanReceive();
}
