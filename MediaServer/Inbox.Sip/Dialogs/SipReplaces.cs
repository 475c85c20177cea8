using Inbox.Sip.Messages;

namespace Inbox.Sip.Dialogs;

/// <summary>
/// A Replaces header (RFC 3891 §6.1): the dialog a request takes the place of, named by Call-ID, to-tag and from-tag,
/// and whether only an early dialog may be replaced. It arrives as a header of a Refer-To URI (RFC 3515 §2.1), escaped.
/// </summary>
internal readonly record struct SipReplaces(string CallId, string ToTag, string FromTag, bool EarlyOnly)
{
    /// <summary>
    /// The dialog named, as its receiver holds it: RFC 3891 §3 compares the to-tag with the local tag and the from-tag
    /// with the remote tag, as if they were the tags of an incoming request.
    /// </summary>
    public SipDialogId DialogId => new(CallId, ToTag, FromTag);

    /// <summary>
    /// Replaces = callid *(SEMI replaces-param); false unless it has a Call-ID, one to-tag and one from-tag.
    /// Unknown parameters (generic-param) are ignored.
    /// </summary>
    public static bool TryParse(string? value, out SipReplaces replaces)
    {
        replaces = default;
        var parts = value?.Split(';', StringSplitOptions.TrimEntries);
        if (parts is null || parts[0].Length == 0 || parts[0].Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        string? toTag = null, fromTag = null;
        var earlyOnly = false;
        foreach (var parameter in parts.AsSpan(1))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? parameter : parameter[..equals].TrimEnd();
            var tag = equals < 0 ? null : parameter[(equals + 1)..].TrimStart();
            if (name.Equals("to-tag", StringComparison.OrdinalIgnoreCase) && toTag is null && !string.IsNullOrEmpty(tag))
            {
                toTag = tag;
            }
            else if (name.Equals("from-tag", StringComparison.OrdinalIgnoreCase) && fromTag is null && !string.IsNullOrEmpty(tag))
            {
                fromTag = tag;
            }
            else if (name.Equals("to-tag", StringComparison.OrdinalIgnoreCase) || name.Equals("from-tag", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
            else
            {
                earlyOnly |= name.Equals("early-only", StringComparison.OrdinalIgnoreCase);
            }
        }

        if (toTag is null || fromTag is null)
        {
            return false;
        }

        replaces = new SipReplaces(parts[0], toTag, fromTag, earlyOnly);
        return true;
    }

    /// <summary>
    /// The Replaces among a URI's headers (<c>?Replaces=...&amp;...</c>, RFC 3261 §19.1.1), its escapes resolved:
    /// null when there is none; <paramref name="valid"/> false when there is one that does not parse.
    /// </summary>
    public static SipReplaces? FromUriHeaders(string? headers, out bool valid)
    {
        valid = true;
        foreach (var header in (headers ?? string.Empty).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = header.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && SipText.Unescape(header[..equals]).Equals("Replaces", StringComparison.OrdinalIgnoreCase))
            {
                valid = TryParse(SipText.Unescape(header[(equals + 1)..]), out var replaces);
                return valid ? replaces : null;
            }
        }

        return null;
    }
}
