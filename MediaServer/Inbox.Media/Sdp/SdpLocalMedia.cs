namespace Inbox.Media.Sdp;

/// <summary>What we put in our offers and answers: our RTP address and port, codecs and wishes.</summary>
internal sealed record SdpLocalMedia
{
    /// <summary>Our RTP address for <c>o=</c> and <c>c=</c>. Required.</summary>
    public required string Address { get; init; }

    /// <summary>The type of <see cref="Address"/>. Default IP4.</summary>
    public SdpAddressType AddressType { get; init; } = SdpAddressType.IP4;

    /// <summary>Our RTP port for the audio stream. Required.</summary>
    public required int Port { get; init; }

    /// <summary>Our codecs in order of preference; include <see cref="SdpCodecs.TelephoneEvent"/> for DTMF. Default <see cref="SdpCodecs.All"/>.</summary>
    public IReadOnlyList<SdpCodec> Codecs { get; init; } = SdpCodecs.All;

    /// <summary>The direction we want: sendrecv (the default), or sendonly to hold the peer, inactive to pause both ways.</summary>
    public SdpDirection Direction { get; init; } = SdpDirection.SendRecv;

    /// <summary>The packet time we ask for in <c>a=ptime</c>, milliseconds. Default 20.</summary>
    public int Ptime { get; init; } = 20;

    /// <summary>Whether we offer and accept <c>a=rtcp-mux</c> (RFC 5761). Default true.</summary>
    public bool RtcpMux { get; init; } = true;

    /// <summary>The <c>o=</c> user name. Default "inbox".</summary>
    public string Username { get; init; } = "inbox";

    /// <summary>The <c>o=</c> session id, fixed for the dialog. Required.</summary>
    public required string SessionId { get; init; }

    /// <summary>The <c>o=</c> version; the caller increases it for every new offer or changed answer (RFC 3264 §8). Default 1.</summary>
    public ulong SessionVersion { get; init; } = 1;

    /// <summary>The <c>s=</c> value. Default "-".</summary>
    public string SessionName { get; init; } = "-";
}
