using System.Globalization;
using System.Text;

namespace Inbox.Media.Sdp;

/// <summary>
/// Writes session descriptions with CRLF line ends in the RFC 8866 §5 line order. Within a media description the
/// order is: rtpmap and fmtp per payload type (m= line order), ptime, maxptime, rtcp, rtcp-mux, other attributes
/// (original order), then the direction. Thread-safe (stateless).
/// </summary>
internal static class SdpWriter
{
    private const string Crlf = "\r\n";

    /// <summary>The description as UTF-8 bytes, ready for a SIP body.</summary>
    public static byte[] WriteUtf8(SdpSessionDescription session) => Encoding.UTF8.GetBytes(Write(session));

    /// <summary>The description as text.</summary>
    public static string Write(SdpSessionDescription session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var sb = new StringBuilder(512);
        var o = session.Origin;
        sb.Append("v=0").Append(Crlf);
        sb.Append(CultureInfo.InvariantCulture, $"o={o.Username} {o.SessionId} {o.SessionVersion} IN {o.AddressType} {o.Address}").Append(Crlf);
        sb.Append("s=").Append(session.SessionName).Append(Crlf);
        AppendLines(sb, session.OtherLines, "iuep");
        AppendConnection(sb, session.Connection);
        AppendLines(sb, session.OtherLines, "b");
        sb.Append("t=").Append(session.Timing).Append(Crlf);
        AppendLines(sb, session.OtherLines, "trzk");
        AppendAttributes(sb, session.Attributes);
        AppendDirection(sb, session.Direction);
        foreach (var media in session.Media)
        {
            AppendMedia(sb, media);
        }

        return sb.ToString();
    }

    private static void AppendMedia(StringBuilder sb, SdpMedia media)
    {
        sb.Append("m=").Append(media.MediaType).Append(' ').Append(media.Port);
        if (media.PortCount is { } count)
        {
            sb.Append('/').Append(count);
        }

        sb.Append(' ').Append(media.Protocol);
        if (media.RawFormats is not null)
        {
            sb.Append(' ').Append(media.RawFormats);
        }

        foreach (var format in media.Formats)
        {
            sb.Append(' ').Append(format.PayloadType);
        }

        sb.Append(Crlf);
        AppendLines(sb, media.OtherLines, "i");
        AppendConnection(sb, media.Connection);
        AppendLines(sb, media.OtherLines, "bk");
        foreach (var format in media.Formats)
        {
            if (format.RtpMap is { } map)
            {
                sb.Append("a=rtpmap:").Append(format.PayloadType).Append(' ').Append(map.EncodingName).Append('/').Append(map.ClockRate);
                if (map.Channels is { } channels)
                {
                    sb.Append('/').Append(channels);
                }

                sb.Append(Crlf);
            }

            if (format.Fmtp is not null)
            {
                sb.Append("a=fmtp:").Append(format.PayloadType).Append(' ').Append(format.Fmtp).Append(Crlf);
            }
        }

        AppendNumber(sb, "a=ptime:", media.Ptime);
        AppendNumber(sb, "a=maxptime:", media.MaxPtime);
        if (media.RtcpPort is { } rtcpPort)
        {
            sb.Append("a=rtcp:").Append(rtcpPort);
            if (media.RtcpConnection is { } rtcpConnection)
            {
                sb.Append(" IN ").Append(rtcpConnection.AddressType.ToString()).Append(' ').Append(rtcpConnection.Address);
            }

            sb.Append(Crlf);
        }

        if (media.RtcpMux)
        {
            sb.Append("a=rtcp-mux").Append(Crlf);
        }

        AppendAttributes(sb, media.Attributes);
        AppendDirection(sb, media.Direction);
    }

    private static void AppendConnection(StringBuilder sb, SdpConnection? connection)
    {
        if (connection is not null)
        {
            sb.Append("c=IN ").Append(connection.AddressType.ToString()).Append(' ').Append(connection.Address).Append(Crlf);
        }
    }

    private static void AppendLines(StringBuilder sb, List<SdpLine> lines, string types)
    {
        foreach (var line in lines)
        {
            if (types.Contains(line.Type, StringComparison.Ordinal))
            {
                sb.Append(line.Type).Append('=').Append(line.Value).Append(Crlf);
            }
        }
    }

    private static void AppendAttributes(StringBuilder sb, List<SdpAttribute> attributes)
    {
        foreach (var attribute in attributes)
        {
            sb.Append("a=").Append(attribute.Name);
            if (attribute.Value is not null)
            {
                sb.Append(':').Append(attribute.Value);
            }

            sb.Append(Crlf);
        }
    }

    private static void AppendDirection(StringBuilder sb, SdpDirection? direction)
    {
        if (direction is { } value)
        {
            sb.Append("a=").Append(value.ToAttributeName()).Append(Crlf);
        }
    }

    private static void AppendNumber(StringBuilder sb, string prefix, int? value)
    {
        if (value is { } number)
        {
            sb.Append(prefix).Append(number).Append(Crlf);
        }
    }
}
