using Inbox.Sip.Messages;

namespace Inbox.Sip.Stack;

/// <summary>
/// The checks every request passes before a transaction sees it (RFC 3261 §8.2.1–§8.2.2): the headers a
/// transaction and a response need, a CSeq that matches the method, a Request-URI scheme the server serves,
/// and Require options it supports.
/// </summary>
internal static class SipRequestValidator
{
    /// <summary>
    /// Options the server implements; anything else in Require gets 420 (RFC 3261 §8.2.2.3). "timer" (RFC 4028) is
    /// served by call control, which refreshes and expires sessions.
    /// </summary>
    public static IReadOnlySet<string> SupportedOptions { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "path", "outbound", "timer" };

    /// <summary>Null when the request may proceed; otherwise the rejection to send.</summary>
    public static SipRejection? Validate(SipRequest request)
    {
        try
        {
            _ = request.TopVia;
            _ = request.From;
            _ = request.To;
            _ = request.CallId;
            var cseq = request.CSeq;
            _ = request.MaxForwards;
            if (cseq.Method != request.Method || cseq.MethodName != request.MethodName)
            {
                return new SipRejection(400, "CSeq method does not match the request method");
            }

            // The scheme is checked before the URI is parsed: a URI of a scheme we do not know cannot be parsed,
            // and deserves 416 rather than 400 (RFC 3261 §8.2.2.1).
            if (!IsSipScheme(request.RequestUriText))
            {
                return new SipRejection(416, "Unsupported URI Scheme");
            }

            _ = request.RequestUri;
        }
        catch (SipFormatException e)
        {
            return new SipRejection(400, e.Message);
        }

        // ACK and CANCEL never carry Require for the UAS to enforce (RFC 3261 §8.2.2.3).
        if (request.Method is SipMethod.Ack or SipMethod.Cancel)
        {
            return null;
        }

        List<string>? unsupported = null;
        foreach (var option in request.GetHeaderValues(SipHeaderId.Require))
        {
            if (!SupportedOptions.Contains(option))
            {
                (unsupported ??= []).Add(option);
            }
        }

        return unsupported is null ? null : new SipRejection(420, "Bad Extension", [new("Unsupported", string.Join(", ", unsupported))]);
    }

    private static bool IsSipScheme(string requestUri)
    {
        var colon = requestUri.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon < 0 ? requestUri.AsSpan() : requestUri.AsSpan(0, colon);
        return scheme.Equals("sip", StringComparison.OrdinalIgnoreCase) || scheme.Equals("sips", StringComparison.OrdinalIgnoreCase);
    }
}
