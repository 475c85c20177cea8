using System.Globalization;
using System.Net;

namespace Inbox.Sip.Messages;

/// <summary>Builds responses to a request as RFC 3261 §8.2.6 requires.</summary>
internal static class SipResponseFactory
{
    /// <summary>
    /// Starts a response: status line, then Via (all values, in order), From, To, Call-ID, CSeq and Timestamp copied
    /// from <paramref name="request"/>. The caller adds Contact, other headers and the body, then builds.
    /// </summary>
    /// <param name="toTag">Added to To when the request's To has no tag (§8.2.6.2); ignored otherwise.</param>
    /// <param name="source">
    /// Where the request came from. When given, the top Via gets <c>received</c> and <c>rport</c> as
    /// <see cref="StampVia"/> describes; pass it for requests received over UDP.
    /// </param>
    public static SipMessageBuilder CreateBuilder(
        SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null, IPEndPoint? source = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 100);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 699);
        var builder = SipMessageBuilder.Response(statusCode, reasonPhrase);
        WriteVias(builder, request, source);
        builder.CopyHeaders(request, SipHeaderId.From);
        var to = request.GetHeader(SipHeaderId.To) ?? throw new SipFormatException("Missing To header");
        builder.Header(SipHeaderId.To, toTag is not null && request.To.Tag is null ? $"{to};tag={toTag}" : to);
        builder.CopyHeaders(request, SipHeaderId.CallId).CopyHeaders(request, SipHeaderId.CSeq);

        // §8.2.6.1: a Timestamp in the request is copied into the response.
        return builder.CopyHeaders(request, SipHeaderId.Timestamp);
    }

    /// <summary>A complete response without body; see <see cref="CreateBuilder"/>.</summary>
    public static SipResponse Create(
        SipRequest request, int statusCode, string? reasonPhrase = null, string? toTag = null, IPEndPoint? source = null) =>
        CreateBuilder(request, statusCode, reasonPhrase, toTag, source).BuildResponse();

    /// <summary>
    /// The top Via as a server records it: <c>received</c> when the sent-by host is not the source IP
    /// (RFC 3261 §18.2.1), and when the request carried an empty <c>rport</c>, its value filled in with the source
    /// port plus <c>received</c> even if it equals sent-by (RFC 3581 §4). Returns <paramref name="via"/> itself when
    /// nothing changes.
    /// </summary>
    public static SipVia StampVia(SipVia via, IPEndPoint source)
    {
        ArgumentNullException.ThrowIfNull(via);
        ArgumentNullException.ThrowIfNull(source);
        var address = source.Address.IsIPv4MappedToIPv6 ? source.Address.MapToIPv4() : source.Address;
        var fillRPort = via.HasRPort && via.RPort is null;
        var hostIsSource = IPAddress.TryParse(via.Host.AsSpan().Trim("[]"), out var host) && host.Equals(address);
        if (!fillRPort && hostIsSource)
        {
            return via;
        }

        var parameters = via.Parameters.Clone();

        // The received value is a bare IP address: IPv6 without brackets (RFC 3261 §25.1 via-received).
        parameters.Set("received", address.ToString());
        if (fillRPort)
        {
            parameters.Set("rport", source.Port.ToString(CultureInfo.InvariantCulture));
        }

        return new SipVia(via.Transport, via.Host, via.Port, parameters);
    }

    private static void WriteVias(SipMessageBuilder builder, SipRequest request, IPEndPoint? source)
    {
        var vias = request.Vias;
        if (vias.Count == 0)
        {
            throw new SipFormatException("Missing Via header");
        }

        var top = source is null ? vias[0] : StampVia(vias[0], source);
        if (ReferenceEquals(top, vias[0]))
        {
            // Unchanged: copy the lines byte for byte.
            builder.CopyHeaders(request, SipHeaderId.Via);
            return;
        }

        builder.Header(SipHeaderId.Via, top.ToString());
        for (var i = 1; i < vias.Count; i++)
        {
            builder.Header(SipHeaderId.Via, vias[i].ToString());
        }
    }
}
