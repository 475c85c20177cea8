using System.Security.Cryptography;
using Inbox.Sip.Messages;

namespace Inbox.Sip.Dialogs;

/// <summary>
/// The state of one dialog (RFC 3261 §12): its id, sequence numbers, parties, remote target and route set.
/// </summary>
/// <remarks>
/// Not thread-safe: a dialog belongs to its call and is touched only on that call's serial executor.
/// </remarks>
internal sealed partial class SipDialog
{
    private SipDialog(
        SipDialogId id, bool isUac, SipNameAddress localParty, SipNameAddress remoteParty, SipUri remoteTarget,
        IReadOnlyList<SipNameAddress> routeSet, long? localSequence, long? remoteSequence, bool isSecure, SipDialogState state)
    {
        Id = id;
        IsUac = isUac;
        LocalParty = localParty;
        RemoteParty = remoteParty;
        RemoteTarget = remoteTarget;
        RouteSet = routeSet;
        LocalSequence = localSequence;
        RemoteSequence = remoteSequence;
        IsSecure = isSecure;
        State = state;
    }

    public SipDialogId Id { get; }

    /// <summary>True when we sent the dialog-creating request.</summary>
    public bool IsUac { get; }

    public SipDialogState State { get; private set; }

    /// <summary>Our side as it goes into From of our requests, with the local tag.</summary>
    public SipNameAddress LocalParty { get; }

    /// <summary>The peer as it goes into To of our requests, with the remote tag.</summary>
    public SipNameAddress RemoteParty { get; }

    public SipUri LocalUri => LocalParty.Uri;

    public SipUri RemoteUri => RemoteParty.Uri;

    /// <summary>The peer's Contact: where in-dialog requests go when the route set is empty.</summary>
    public SipUri RemoteTarget { get; private set; }

    /// <summary>The Record-Route values in the order our requests list them as Route.</summary>
    public IReadOnlyList<SipNameAddress> RouteSet { get; private set; }

    /// <summary>The CSeq of our last in-dialog request; null until we send one as UAS.</summary>
    public long? LocalSequence { get; private set; }

    /// <summary>The CSeq of the peer's last in-dialog request; null until it sends one as UAC.</summary>
    public long? RemoteSequence { get; private set; }

    /// <summary>True when the dialog was created over SIPS (§12.1.1, §12.1.2).</summary>
    public bool IsSecure { get; }

    /// <summary>The URI the next request goes to first: the first route, or the remote target.</summary>
    public SipUri NextHop => RouteSet.Count > 0 ? RouteSet[0].Uri : RemoteTarget;

    /// <summary>
    /// The UAS side of a dialog (§12.1.1), from the INVITE received and the 101-299 response with a To tag that we
    /// send. The route set is the request's Record-Route in order; the remote target its Contact.
    /// </summary>
    /// <exception cref="ArgumentException">The response cannot create a dialog.</exception>
    /// <exception cref="SipFormatException">The request lacks a usable Contact, or a Record-Route is malformed.</exception>
    public static SipDialog CreateAsUas(SipRequest request, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        var localTag = RequireDialogResponse(response);
        var contact = request.Contacts.Count > 0 ? request.Contacts[0].Uri : throw new SipFormatException("Missing Contact header");
        return new SipDialog(
            new SipDialogId(request.CallId, localTag, request.From.Tag ?? string.Empty),
            isUac: false,
            localParty: response.To,
            remoteParty: request.From,
            remoteTarget: contact,
            routeSet: ReadRecordRoute(request, reverse: false),
            localSequence: null,
            remoteSequence: request.CSeq.Number,
            isSecure: request.RequestUri.IsSecure,
            state: response.IsProvisional ? SipDialogState.Early : SipDialogState.Confirmed);
    }

    /// <summary>
    /// The UAC side of a dialog (§12.1.2), from the request we sent and a 101-299 response with a To tag. The route
    /// set is the response's Record-Route reversed; the remote target its Contact (or, for a 1xx without one, the
    /// Request-URI until a later response names it).
    /// </summary>
    /// <exception cref="ArgumentException">The response cannot create a dialog.</exception>
    /// <exception cref="SipFormatException">A 2xx lacks Contact, or a Record-Route is malformed.</exception>
    public static SipDialog CreateAsUac(SipRequest request, SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(request);
        var remoteTag = RequireDialogResponse(response);
        var contact = response.Contacts.Count > 0 ? response.Contacts[0].Uri
            : response.IsProvisional ? request.RequestUri
            : throw new SipFormatException("Missing Contact header");
        return new SipDialog(
            new SipDialogId(request.CallId, request.From.Tag ?? string.Empty, remoteTag),
            isUac: true,
            localParty: request.From,
            remoteParty: response.To,
            remoteTarget: contact,
            routeSet: ReadRecordRoute(response, reverse: true),
            localSequence: request.CSeq.Number,
            remoteSequence: null,
            isSecure: request.RequestUri.IsSecure,
            state: response.IsProvisional ? SipDialogState.Early : SipDialogState.Confirmed);
    }

    /// <summary>
    /// Confirms an early dialog on a 2xx. As UAC the route set and remote target are recomputed from the 2xx
    /// (§13.2.2.4); as UAS they already come from the request.
    /// </summary>
    public void Confirm(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccess)
        {
            throw new ArgumentException("Only a 2xx confirms a dialog.", nameof(response));
        }

        if (State == SipDialogState.Terminated)
        {
            throw new InvalidOperationException("The dialog is terminated.");
        }

        if (IsUac)
        {
            RouteSet = ReadRecordRoute(response, reverse: true);
            RefreshRemoteTarget(response);
        }

        State = SipDialogState.Confirmed;
    }

    /// <summary>A target refresh (re-INVITE, UPDATE or their 2xx, §12.2): the Contact becomes the remote target.</summary>
    public void RefreshRemoteTarget(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Contacts.Count > 0 && !message.Contacts[0].IsWildcard)
        {
            RemoteTarget = message.Contacts[0].Uri;
        }
    }

    public void Terminate() => State = SipDialogState.Terminated;

    /// <summary>
    /// Checks and records the CSeq of an in-dialog request (§12.2.2). False when the number is not above the last
    /// one: the TU answers 500 (Server Internal Error). ACK and CANCEL reuse their INVITE's number and always pass.
    /// </summary>
    public bool TryAcceptRemoteSequence(SipRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Method is SipMethod.Ack or SipMethod.Cancel)
        {
            return true;
        }

        var number = request.CSeq.Number;
        if (RemoteSequence is { } last && number <= last)
        {
            return false;
        }

        RemoteSequence = number;
        return true;
    }

    /// <summary>The CSeq for our next request, incremented by one (§12.2.1.1); chosen at random when still empty.</summary>
    private long NextLocalSequence()
    {
        // §8.1.1.5: any value below 2^31; staying below 2^30 leaves room for a long dialog to count up.
        var next = LocalSequence is { } last ? last + 1 : RandomNumberGenerator.GetInt32(1, 1 << 30);
        LocalSequence = next;
        return next;
    }

    private static string RequireDialogResponse(SipResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode is < 101 or > 299)
        {
            throw new ArgumentException("Only a 101-299 response creates a dialog.", nameof(response));
        }

        return response.To.Tag ?? throw new ArgumentException("A dialog-creating response needs a To tag.", nameof(response));
    }

    private static List<SipNameAddress> ReadRecordRoute(SipMessage message, bool reverse)
    {
        var values = message.GetHeaderValues(SipHeaderId.RecordRoute);
        var routes = new List<SipNameAddress>(values.Count);
        foreach (var value in values)
        {
            routes.Add(SipNameAddress.TryParse(value, out var route) ? route : throw new SipFormatException("Malformed Record-Route header"));
        }

        if (reverse)
        {
            routes.Reverse();
        }

        return routes;
    }
}
