using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Inbox.Sip.Messages;

/// <summary>
/// The value of From, To, Contact, Route and similar headers: a name-addr (<c>"Bob" &lt;sip:bob@host&gt;;tag=1</c>)
/// or an addr-spec (<c>sip:bob@host;tag=1</c>), with header parameters (RFC 3261 §20.10, §20.20).
/// </summary>
internal sealed class SipNameAddress
{
    public SipNameAddress(SipUri uri, string? displayName = null, SipParameters? parameters = null)
    {
        Uri = uri;
        DisplayName = displayName;
        Parameters = parameters ?? new SipParameters();
    }

    public string? DisplayName { get; }

    public SipUri Uri { get; }

    public SipParameters Parameters { get; }

    public string? Tag => Parameters["tag"];

    /// <summary>True for the Contact value <c>*</c> that removes every binding (RFC 3261 §10.2.2).</summary>
    public bool IsWildcard { get; private init; }

    public static SipNameAddress Wildcard { get; } = new(new SipUri("sip", null, "*")) { IsWildcard = true };

    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipNameAddress? value)
    {
        value = null;
        text = text.Trim();
        if (text is "*")
        {
            value = Wildcard;
            return true;
        }

        string? displayName = null;
        SipUri? uri;
        ReadOnlySpan<char> rest;
        var position = 0;
        if (text.StartsWith("\""))
        {
            var end = SipText.EndOfQuotedString(text, 0);
            if (end < 0)
            {
                return false;
            }

            displayName = SipText.Unquote(text[..end]);
            position = SipText.SkipWhitespace(text, end);
            if (position >= text.Length || text[position] != '<')
            {
                return false;
            }
        }

        var open = text[position..].IndexOf('<');
        if (open >= 0)
        {
            open += position;
            if (displayName is null && open > 0)
            {
                // An unquoted display name is a run of tokens separated by whitespace.
                var name = text[..open].Trim();
                foreach (var c in name)
                {
                    if (!SipText.IsTokenChar(c) && c is not (' ' or '\t'))
                    {
                        return false;
                    }
                }

                displayName = name.IsEmpty ? null : name.ToString();
            }

            var close = text[open..].IndexOf('>');
            if (close < 0 || !SipUri.TryParse(text[(open + 1)..(open + close)], out uri))
            {
                return false;
            }

            rest = text[(open + close + 1)..];
        }
        else
        {
            if (displayName is not null)
            {
                return false;
            }

            // addr-spec: parameters after the URI belong to the header, not the URI (RFC 3261 §20.10).
            var semicolon = text.IndexOf(';');
            // RFC 3261 §7.3.1 allows whitespace before the ';' (RFC 4475 §3.1.1.1, "TO :\r\n sip:... ;   tag").
            var uriText = (semicolon < 0 ? text : text[..semicolon]).TrimEnd();
            if (uriText.IndexOfAny(",? ") >= 0 || !SipUri.TryParse(uriText, out uri))
            {
                return false;
            }

            rest = semicolon < 0 ? [] : text[semicolon..];
        }

        var parameters = new SipParameters();
        if (!SipParameters.TryParse(rest, ';', parameters, out var consumed) || SipText.SkipWhitespace(rest, consumed) != rest.Length)
        {
            return false;
        }

        value = new SipNameAddress(uri, displayName, parameters);
        return true;
    }

    public SipNameAddress WithTag(string tag)
    {
        var parameters = Parameters.Clone();
        parameters.Set("tag", tag);
        return new SipNameAddress(Uri, DisplayName, parameters);
    }

    /// <summary>Always the name-addr form, which is safe whatever the URI holds.</summary>
    public override string ToString()
    {
        if (IsWildcard)
        {
            return "*";
        }

        var builder = new StringBuilder(96);
        if (DisplayName is not null)
        {
            builder.Append(SipText.Quote(DisplayName)).Append(' ');
        }

        builder.Append('<').Append(Uri).Append('>');
        Parameters.AppendTo(builder);
        return builder.ToString();
    }
}
