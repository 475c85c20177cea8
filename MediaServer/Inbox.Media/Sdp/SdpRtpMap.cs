namespace Inbox.Media.Sdp;

/// <summary>The value of <c>a=rtpmap:&lt;pt&gt; &lt;encoding&gt;/&lt;clock&gt;[/&lt;channels&gt;]</c> (RFC 8866 §6.6).</summary>
/// <param name="EncodingName">The encoding name as written, compared case-insensitively (RFC 4855 §3).</param>
/// <param name="ClockRate">The RTP clock rate in Hz.</param>
/// <param name="Channels">The channel count when written; absent means 1 for audio.</param>
internal sealed record SdpRtpMap(string EncodingName, int ClockRate, int? Channels = null)
{
    /// <summary>The channel count, 1 when not written.</summary>
    public int ChannelCount => Channels ?? 1;
}
