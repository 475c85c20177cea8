using Inbox.Sip.Dialogs;
using Inbox.Sip.Messages;
using Inbox.Sip.Tests.Transactions;

namespace Inbox.Sip.Tests.Dialogs;

public sealed class SipDialogTests
{
    private const string RecordRoutes =
        "Record-Route: <sip:p1.example.com;lr>\r\nRecord-Route: <sip:p2.example.com;lr>\r\n";

    private static readonly SipVia s_via = new("UDP", "media.example.com", 5060);

    [Fact]
    public void CreateAsUas_InviteAnd180_EarlyDialogWithRouteSetInOrder()
    {
        var invite = SipTestMessages.Request(extraHeaders: RecordRoutes);

        var dialog = SipDialog.CreateAsUas(invite, SipTestMessages.Response(invite, 180, "uas1"));

        Assert.Equal(new SipDialogId(invite.CallId, "uas1", "1928301774"), dialog.Id);
        Assert.Equal(SipDialogState.Early, dialog.State);
        Assert.Equal(["p1.example.com", "p2.example.com"], dialog.RouteSet.Select(r => r.Uri.Host));
        Assert.Equal("sip:alice@pc33.atlanta.example.com", dialog.RemoteTarget.ToString());
        Assert.Equal(314159, dialog.RemoteSequence);
        Assert.Null(dialog.LocalSequence);
        Assert.False(dialog.IsUac);
    }

    [Fact]
    public void CreateAsUac_200WithRecordRoute_ConfirmedWithRouteSetReversed()
    {
        var invite = SipTestMessages.Request();
        var ok = WithRecordRoute(SipTestMessages.Response(invite, 200, "uas1"), RecordRoutes);

        var dialog = SipDialog.CreateAsUac(invite, ok);

        Assert.Equal(new SipDialogId(invite.CallId, "1928301774", "uas1"), dialog.Id);
        Assert.Equal(SipDialogState.Confirmed, dialog.State);
        Assert.Equal(["p2.example.com", "p1.example.com"], dialog.RouteSet.Select(r => r.Uri.Host));
        Assert.Equal("sip:bob@host.biloxi.example.com", dialog.RemoteTarget.ToString());
        Assert.Equal(314159, dialog.LocalSequence);
        Assert.True(dialog.IsUac);
    }

    [Fact]
    public void Confirm_EarlyUacDialog_RecomputesRouteSetFrom2xx()
    {
        var invite = SipTestMessages.Request();
        var dialog = SipDialog.CreateAsUac(invite, SipTestMessages.Response(invite, 183, "uas1"));

        dialog.Confirm(WithRecordRoute(SipTestMessages.Response(invite, 200, "uas1"), RecordRoutes));

        Assert.Equal(SipDialogState.Confirmed, dialog.State);
        Assert.Equal(2, dialog.RouteSet.Count);
        Assert.Equal("host.biloxi.example.com", dialog.RemoteTarget.Host);
    }

    [Fact]
    public void CreateAsUas_ResponseWithoutToTag_Throws()
    {
        var invite = SipTestMessages.Request();

        Assert.Throws<ArgumentException>(() => SipDialog.CreateAsUas(invite, SipTestMessages.Response(invite, 180, null)));
    }

    [Fact]
    public void TryAcceptRemoteSequence_LowerOrEqual_RejectedButAckAndHigherAccepted()
    {
        var invite = SipTestMessages.Request(cseq: 10);
        var dialog = SipDialog.CreateAsUas(invite, SipTestMessages.Response(invite, 200, "uas1"));

        var equal = dialog.TryAcceptRemoteSequence(SipTestMessages.Request("INFO", cseq: 10, toTag: "uas1"));
        var ack = dialog.TryAcceptRemoteSequence(SipTestMessages.Request("ACK", cseq: 10, toTag: "uas1"));
        var higher = dialog.TryAcceptRemoteSequence(SipTestMessages.Request("BYE", cseq: 11, toTag: "uas1"));
        var lower = dialog.TryAcceptRemoteSequence(SipTestMessages.Request("INFO", cseq: 9, toTag: "uas1"));

        Assert.False(equal);
        Assert.True(ack);
        Assert.True(higher);
        Assert.False(lower);
        Assert.Equal(11, dialog.RemoteSequence);
    }

    [Fact]
    public void CreateRequest_LooseRouting_RemoteTargetInRequestUriAndRoutesInOrder()
    {
        var dialog = UacDialog(RecordRoutes);

        var bye = dialog.CreateRequest(SipMethod.Bye, s_via).BuildRequest();

        Assert.Equal("sip:bob@host.biloxi.example.com", bye.RequestUriText);
        Assert.Equal(["<sip:p2.example.com;lr>", "<sip:p1.example.com;lr>"], bye.GetHeaderValues(SipHeaderId.Route));
        Assert.Equal(new SipCSeq(314160, SipMethod.Bye, "BYE"), bye.CSeq);
        Assert.Equal("1928301774", bye.From.Tag);
        Assert.Equal("uas1", bye.To.Tag);
        Assert.Equal(dialog.Id.CallId, bye.CallId);
    }

    [Fact]
    public void CreateRequest_StrictRouter_FirstRouteInRequestUriAndTargetLast()
    {
        var dialog = UacDialog("Record-Route: <sip:loose.example.com;lr>, <sip:strict.example.com;method=INVITE>\r\n");

        var info = dialog.CreateRequest(SipMethod.Info, s_via).BuildRequest();

        Assert.Equal("sip:strict.example.com", info.RequestUriText);
        Assert.Equal(["<sip:loose.example.com;lr>", "<sip:bob@host.biloxi.example.com>"], info.GetHeaderValues(SipHeaderId.Route));
    }

    [Fact]
    public void CreateRequest_Twice_IncrementsLocalSequence()
    {
        var dialog = UacDialog(string.Empty);

        var refer = dialog.CreateRequest(SipMethod.Refer, s_via).BuildRequest();
        var reinvite = dialog.CreateRequest(SipMethod.Invite, s_via, new SipNameAddress(SipUri.Parse("sip:media.example.com"))).BuildRequest();

        Assert.Equal(314160, refer.CSeq.Number);
        Assert.Equal(314161, reinvite.CSeq.Number);
        Assert.Equal("media.example.com", Assert.Single(reinvite.Contacts).Uri.Host);
        Assert.False(refer.HasHeader(SipHeaderId.Route));
    }

    [Fact]
    public void CreateAck_For2xx_KeepsInviteSequence()
    {
        var dialog = UacDialog(string.Empty);

        var ack = dialog.CreateAck(314159, s_via).BuildRequest();

        Assert.Equal(new SipCSeq(314159, SipMethod.Ack, "ACK"), ack.CSeq);
        Assert.Equal(314159, dialog.LocalSequence);
    }

    [Fact]
    public void CreateRequest_UasDialogWithEmptyLocalSequence_PicksInitialValue()
    {
        var invite = SipTestMessages.Request();
        var dialog = SipDialog.CreateAsUas(invite, SipTestMessages.Response(invite, 200, "uas1"));

        var bye = dialog.CreateRequest(SipMethod.Bye, s_via).BuildRequest();

        Assert.InRange(bye.CSeq.Number, 1, int.MaxValue);
        Assert.Equal(bye.CSeq.Number, dialog.LocalSequence);
        Assert.Equal("1928301774", bye.To.Tag);
        Assert.Equal("sip:alice@pc33.atlanta.example.com", bye.RequestUriText);
    }

    private static SipDialog UacDialog(string recordRoutes)
    {
        var invite = SipTestMessages.Request();
        return SipDialog.CreateAsUac(invite, WithRecordRoute(SipTestMessages.Response(invite, 200, "uas1"), recordRoutes));
    }

    // The peer's 2xx: Record-Route as the proxies left it and the UAS's Contact.
    private static SipResponse WithRecordRoute(SipResponse response, string recordRoutes)
    {
        var text = response.ToString().Replace(
            "Content-Length: 0\r\n", recordRoutes + "Contact: <sip:bob@host.biloxi.example.com>\r\nContent-Length: 0\r\n", StringComparison.Ordinal);
        return (SipResponse)SipTestMessages.Parse(text);
    }
}
