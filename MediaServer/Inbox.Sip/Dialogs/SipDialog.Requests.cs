using System.Globalization;
using Inbox.Sip.Messages;

namespace Inbox.Sip.Dialogs;

internal sealed partial class SipDialog
{
    private const int MaxForwards = 70;

    /// <summary>
    /// Starts an in-dialog request (BYE, re-INVITE, INFO, REFER, UPDATE...) per §12.2.1.1: Request-URI and Route from
    /// the route set and remote target, From and To from the dialog, the next local CSeq. The caller adds headers
    /// and a body, then builds. ACK for a 2xx uses <see cref="CreateAck"/>; CANCEL is built from its INVITE.
    /// </summary>
    /// <param name="via">Our Via, with a fresh branch.</param>
    /// <param name="contact">Our Contact; required for target-refresh requests such as re-INVITE.</param>
    public SipMessageBuilder CreateRequest(SipMethod method, SipVia via, SipNameAddress? contact = null)
    {
        if (method is SipMethod.Ack or SipMethod.Cancel or SipMethod.Extension)
        {
            throw new ArgumentException($"{method} is not built by CreateRequest.", nameof(method));
        }

        return Write(SipMethods.ToName(method), via, NextLocalSequence(), contact);
    }

    /// <summary>The ACK for a 2xx to the INVITE with CSeq <paramref name="inviteSequence"/> (§13.2.2.4).</summary>
    public SipMessageBuilder CreateAck(long inviteSequence, SipVia via, SipNameAddress? contact = null) =>
        Write("ACK", via, inviteSequence, contact);

    private SipMessageBuilder Write(string method, SipVia via, long sequence, SipNameAddress? contact)
    {
        ArgumentNullException.ThrowIfNull(via);
        var strict = RouteSet.Count > 0 && !RouteSet[0].Uri.Parameters.Contains("lr");

        // §12.2.1.1: with a strict router first, it becomes the Request-URI and the remote target the last Route.
        var requestUri = strict ? RouteSet[0].Uri.ToRequestUri() : RemoteTarget;
        var builder = SipMessageBuilder.Request(method, requestUri.ToString())
            .Header(SipHeaderId.Via, via.ToString())
            .Header(SipHeaderId.MaxForwards, MaxForwards);
        for (var i = strict ? 1 : 0; i < RouteSet.Count; i++)
        {
            builder.Header(SipHeaderId.Route, RouteSet[i].ToString());
        }

        if (strict)
        {
            builder.Header(SipHeaderId.Route, new SipNameAddress(RemoteTarget).ToString());
        }

        builder.Header(SipHeaderId.From, LocalParty.ToString())
            .Header(SipHeaderId.To, RemoteParty.ToString())
            .Header(SipHeaderId.CallId, Id.CallId)
            .Header(SipHeaderId.CSeq, string.Create(CultureInfo.InvariantCulture, $"{sequence} {method}"));
        if (contact is not null)
        {
            builder.Header(SipHeaderId.Contact, contact.ToString());
        }

        return builder;
    }
}
