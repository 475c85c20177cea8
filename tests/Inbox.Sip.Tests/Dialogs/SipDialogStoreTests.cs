using Inbox.Sip.Dialogs;
using Inbox.Sip.Tests.Transactions;

namespace Inbox.Sip.Tests.Dialogs;

public sealed class SipDialogStoreTests
{
    private readonly SipDialogStore _store = new();

    [Fact]
    public void TryFind_InDialogRequest_MatchesByToTagAsLocalAndFromTagAsRemote()
    {
        var invite = SipTestMessages.Request();
        var dialog = SipDialog.CreateAsUas(invite, SipTestMessages.Response(invite, 200, "uas1"));
        _store.TryAdd(dialog);

        var found = _store.TryFind(SipTestMessages.Request("BYE", cseq: 2, toTag: "uas1"), out var match);

        Assert.True(found);
        Assert.Same(dialog, match);
    }

    [Fact]
    public void TryFind_OtherToTagOrNone_FindsNothing()
    {
        var invite = SipTestMessages.Request();
        _store.TryAdd(SipDialog.CreateAsUas(invite, SipTestMessages.Response(invite, 200, "uas1")));

        var otherTag = _store.TryFind(SipTestMessages.Request("BYE", toTag: "uas2"), out _);
        var noTag = _store.TryFind(SipTestMessages.Request("BYE"), out _);

        Assert.False(otherTag);
        Assert.False(noTag);
    }

    [Fact]
    public void TryFind_ResponseToOurRequest_MatchesUacDialog()
    {
        var invite = SipTestMessages.Request();
        var ringing = SipTestMessages.Response(invite, 180, "uas1");
        var dialog = SipDialog.CreateAsUac(invite, ringing);
        _store.TryAdd(dialog);

        var found = _store.TryFind(SipTestMessages.Response(invite, 200, "uas1"), out var match);
        var removed = _store.Remove(dialog.Id);

        Assert.True(found);
        Assert.Same(dialog, match);
        Assert.True(removed);
        Assert.Equal(0, _store.Count);
    }

    [Fact]
    public void TryAdd_SameIdTwice_SecondFails()
    {
        var invite = SipTestMessages.Request();
        var response = SipTestMessages.Response(invite, 200, "uas1");
        _store.TryAdd(SipDialog.CreateAsUas(invite, response));

        var added = _store.TryAdd(SipDialog.CreateAsUas(invite, response));

        Assert.False(added);
    }
}
