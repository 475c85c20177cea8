using System.Globalization;

namespace Inbox.Media.Sdp;

internal static partial class SdpParser
{
    private static string? StartMedia(State state, string value)
    {
        // RFC 8866 §5.14: m=<media> <port>[/<number of ports>] <proto> <fmt> ...
        var parts = value.Split(' ', StringSplitOptions.None);
        if (parts.Length < 4 || parts[0].Length == 0 || parts[2].Length == 0)
        {
            return "bad m= line (media port proto fmt...)";
        }

        var portText = parts[1];
        int? portCount = null;
        var slash = portText.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!TryParseInt(portText[(slash + 1)..], 1, 65535, out var count))
            {
                return "bad m= line: port count is not a number";
            }

            portCount = count;
            portText = portText[..slash];
        }

        if (!TryParseInt(portText, 0, 65535, out var port))
        {
            return "bad m= line: port is not a number from 0 to 65535";
        }

        var media = new SdpMedia { MediaType = parts[0], Port = port, PortCount = portCount, Protocol = parts[2] };
        if (IsRtp(media.Protocol))
        {
            for (var i = 3; i < parts.Length; i++)
            {
                if (!TryParseInt(parts[i], 0, 127, out var payloadType))
                {
                    return "bad m= line: an RTP format must be a payload type from 0 to 127";
                }

                if (media.FindFormat(payloadType) is not null)
                {
                    return "bad m= line: payload type listed twice";
                }

                media.Formats.Add(new SdpMediaFormat(payloadType));
            }
        }
        else
        {
            media.RawFormats = string.Join(' ', parts, 3, parts.Length - 3);
        }

        state.StartMedia(media);
        return null;
    }

    private static string? ParseMediaLine(State state, SdpMedia media, char type, string value)
    {
        switch (type)
        {
            case 'm':
                return StartMedia(state, value);
            case 'c':
                if (media.Connection is not null || !TryParseConnection(value, out var connection))
                {
                    return "bad c= line (IN IP4|IP6 address)";
                }

                media.Connection = connection;
                return null;
            case 'a':
                return ParseMediaAttribute(media, value);
            case 'i' or 'b' or 'k':
                media.OtherLines.Add(new SdpLine(type, value));
                return null;
            default:
                return "line type not allowed in a media description";
        }
    }

    private static string? ParseMediaAttribute(SdpMedia media, string value)
    {
        var (name, attributeValue) = SplitAttribute(value);
        var isRtp = media.RawFormats is null;
        switch (name)
        {
            case "rtpmap" when isRtp:
                return ParseRtpMap(media, attributeValue);
            case "fmtp" when isRtp:
                return ParseFmtp(media, attributeValue);
            case "ptime":
                if (!TryParseInt(attributeValue, 1, 10_000, out var ptime))
                {
                    return "bad a=ptime: expected milliseconds";
                }

                media.Ptime = ptime;
                return null;
            case "maxptime":
                if (!TryParseInt(attributeValue, 1, 10_000, out var maxPtime))
                {
                    return "bad a=maxptime: expected milliseconds";
                }

                media.MaxPtime = maxPtime;
                return null;
            case "rtcp":
                return ParseRtcp(media, attributeValue);
            case "rtcp-mux" when attributeValue is null:
                media.RtcpMux = true;
                return null;
            default:
                if (attributeValue is null && SdpDirections.TryParse(name, out var direction))
                {
                    media.Direction = direction;
                }
                else
                {
                    media.Attributes.Add(new SdpAttribute(name, attributeValue));
                }

                return null;
        }
    }

    private static string? ParseRtpMap(SdpMedia media, string? value)
    {
        // RFC 8866 §6.6: a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]
        if (!TrySplitFormat(value, out var payloadType, out var rest))
        {
            return "bad a=rtpmap: expected <payload type> <encoding>/<clock rate>";
        }

        var format = media.FindFormat(payloadType);
        if (format is null)
        {
            return "a=rtpmap for a payload type not on the m= line";
        }

        if (format.RtpMap is not null)
        {
            return "a second a=rtpmap for the same payload type";
        }

        var pieces = rest.Split('/');
        int? channels = null;
        if (pieces.Length is < 2 or > 3 || pieces[0].Length == 0 || !TryParseInt(pieces[1], 1, int.MaxValue, out var clockRate))
        {
            return "bad a=rtpmap: expected <encoding>/<clock rate>[/<channels>]";
        }

        if (pieces.Length == 3)
        {
            if (!TryParseInt(pieces[2], 1, 255, out var count))
            {
                return "bad a=rtpmap: channel count is not a number";
            }

            channels = count;
        }

        format.RtpMap = new SdpRtpMap(pieces[0], clockRate, channels);
        return null;
    }

    private static string? ParseFmtp(SdpMedia media, string? value)
    {
        if (!TrySplitFormat(value, out var payloadType, out var parameters))
        {
            return "bad a=fmtp: expected <payload type> <parameters>";
        }

        var format = media.FindFormat(payloadType);
        if (format is null)
        {
            return "a=fmtp for a payload type not on the m= line";
        }

        format.Fmtp = parameters;
        return null;
    }

    private static string? ParseRtcp(SdpMedia media, string? value)
    {
        // RFC 3605 §2.1: a=rtcp:<port> [IN IP4|IP6 <address>]
        var space = value?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        var portText = space < 0 ? value : value![..space];
        if (!TryParseInt(portText, 0, 65535, out var port))
        {
            return "bad a=rtcp: expected a port";
        }

        if (space >= 0)
        {
            if (!TryParseConnection(value![(space + 1)..], out var connection))
            {
                return "bad a=rtcp: expected <port> IN IP4|IP6 <address>";
            }

            media.RtcpConnection = connection;
        }

        media.RtcpPort = port;
        return null;
    }

    private static bool TrySplitFormat(string? value, out int payloadType, out string rest)
    {
        payloadType = 0;
        rest = "";
        var space = value?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        if (space < 0 || !TryParseInt(value![..space], 0, 127, out payloadType))
        {
            return false;
        }

        rest = value[(space + 1)..];
        return rest.Length > 0;
    }

    private static bool IsRtp(string protocol) => protocol.Contains("RTP/", StringComparison.Ordinal);

    private static bool TryParseInt(string? text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
