using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Inbox.Sip.Messages;

namespace Inbox.Sip.Dialogs;

/// <summary>
/// The dialogs a user agent holds, by <see cref="SipDialogId"/>. Safe for concurrent use; the dialogs it returns
/// are not (see <see cref="SipDialog"/>).
/// </summary>
internal sealed class SipDialogStore
{
    private readonly ConcurrentDictionary<SipDialogId, SipDialog> _dialogs = new();

    public int Count => _dialogs.Count;

    /// <summary>Adds a dialog; false when one with the same id exists.</summary>
    public bool TryAdd(SipDialog dialog)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        return _dialogs.TryAdd(dialog.Id, dialog);
    }

    public bool TryGet(SipDialogId id, [NotNullWhen(true)] out SipDialog? dialog) => _dialogs.TryGetValue(id, out dialog);

    /// <summary>
    /// The dialog an incoming request belongs to (§12.2.2): Call-ID, To tag as local tag, From tag as remote tag.
    /// A request without a To tag is outside any dialog and finds nothing.
    /// </summary>
    public bool TryFind(SipRequest request, [NotNullWhen(true)] out SipDialog? dialog)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.To.Tag is null)
        {
            dialog = null;
            return false;
        }

        return _dialogs.TryGetValue(SipDialogId.ForIncomingRequest(request), out dialog);
    }

    /// <summary>The dialog a response to our request belongs to: From tag local, To tag remote.</summary>
    public bool TryFind(SipResponse response, [NotNullWhen(true)] out SipDialog? dialog)
    {
        ArgumentNullException.ThrowIfNull(response);
        return _dialogs.TryGetValue(SipDialogId.ForIncomingResponse(response), out dialog);
    }

    public bool Remove(SipDialogId id) => _dialogs.TryRemove(id, out _);
}
