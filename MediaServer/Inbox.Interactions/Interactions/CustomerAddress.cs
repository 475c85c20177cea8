using System.Text.RegularExpressions;
using Inbox.Interactions.Channels;
using Inbox.Interactions.Errors;

namespace Inbox.Interactions.Interactions;

/// <summary>Checks and normalises how a channel addresses a customer, so one customer is one address.</summary>
internal static partial class CustomerAddress
{
    public static string Normalize(ChannelKind channel, string address)
    {
        var trimmed = address.Trim();
        switch (channel)
        {
            case ChannelKind.Telephony or ChannelKind.Sms or ChannelKind.WhatsApp:
                var digits = Separators().Replace(trimmed, string.Empty);
                return PhoneNumber().IsMatch(digits)
                    ? digits
                    : throw InboxException.Invalid($"'{address}' is not a phone number (digits, optionally starting with +).");
            case ChannelKind.Email:
                return EmailAddress().IsMatch(trimmed)
                    ? trimmed
                    : throw InboxException.Invalid($"'{address}' is not an e-mail address.");
            default:
                return trimmed.Length is > 0 and <= 256
                    ? trimmed
                    : throw InboxException.Invalid("A customer address is required.");
        }
    }

    [GeneratedRegex(@"[\s\-().]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+?[0-9]{3,20}$")]
    private static partial Regex PhoneNumber();

    [GeneratedRegex(@"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")]
    private static partial Regex EmailAddress();
}
