using System.Net;
using System.Text;

namespace Inbox.Plugins.Twilio;

/// <summary>
/// An <c>application/x-www-form-urlencoded</c> body (HTML 5 §4.10.21.7), the way Twilio posts webhooks: every
/// name and value decoded, in the order sent, repeated names kept. Immutable.
/// </summary>
internal sealed class FormBody
{
    private FormBody(IReadOnlyList<KeyValuePair<string, string>> fields) => Fields = fields;

    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; }

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public string? this[string name]
    {
        get
        {
            foreach (var (key, value) in Fields)
            {
                if (key == name)
                {
                    return value;
                }
            }

            return null;
        }
    }

    public static FormBody Parse(ReadOnlySpan<byte> body)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var pair in Encoding.UTF8.GetString(body).Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? pair : pair[..equals];
            var value = equals < 0 ? string.Empty : pair[(equals + 1)..];

            // UrlDecode turns '+' into a space, as the form encoding requires.
            fields.Add(new(WebUtility.UrlDecode(name), WebUtility.UrlDecode(value)));
        }

        return new FormBody(fields);
    }
}
