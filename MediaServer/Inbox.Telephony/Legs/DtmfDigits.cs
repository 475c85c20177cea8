using System.Buffers;
using Inbox.Interactions.Errors;

namespace Inbox.Telephony.Legs;

/// <summary>The keypad digits an agent may send: 0-9, *, # and A-D, at most <see cref="MaxLength"/> at a time.</summary>
internal static class DtmfDigits
{
    public const int MaxLength = 32;

    private static readonly SearchValues<char> s_digits = SearchValues.Create("0123456789*#ABCD");

    /// <exception cref="InboxException">INVALID_ARGUMENT naming what is wrong.</exception>
    public static void Validate(string? digits)
    {
        if (string.IsNullOrEmpty(digits))
        {
            throw InboxException.Invalid("digits is required: 0-9, *, #, A-D.");
        }

        if (digits.Length > MaxLength)
        {
            throw InboxException.Invalid($"At most {MaxLength} digits can be sent at once; got {digits.Length}.");
        }

        var bad = digits.AsSpan().IndexOfAnyExcept(s_digits);
        if (bad >= 0)
        {
            throw InboxException.Invalid($"'{digits[bad]}' at position {bad + 1} is not a keypad digit (0-9, *, #, A-D).");
        }
    }
}
