namespace Inbox.Telephony.Trunks;

/// <summary>
/// One number rewrite (an entry of <c>Telephony:DialRules</c> or <c>Telephony:Trunks:N:DialRules</c>): a number that
/// matches <see cref="Match"/> loses its first <see cref="Strip"/> characters and gets <see cref="Prepend"/> in front.
/// The first matching rule of a list applies.
/// </summary>
internal sealed class DialRuleOptions
{
    /// <summary>A regular expression the number must match, e.g. <c>^00</c>. Required.</summary>
    public string Match { get; set; } = string.Empty;

    /// <summary>How many leading characters to remove. Default 0.</summary>
    public int Strip { get; set; }

    /// <summary>What to put in front after stripping, e.g. <c>+</c>. Default none.</summary>
    public string Prepend { get; set; } = string.Empty;
}
