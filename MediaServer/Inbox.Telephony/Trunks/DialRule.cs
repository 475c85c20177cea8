using System.Text.RegularExpressions;

namespace Inbox.Telephony.Trunks;

/// <summary>A compiled <see cref="DialRuleOptions"/>. Immutable; thread-safe.</summary>
internal sealed class DialRule(Regex match, int strip, string prepend)
{
    // Patterns come from the configuration; the timeout bounds a pathological one rather than trusting it.
    private static readonly TimeSpan s_matchTimeout = TimeSpan.FromMilliseconds(100);

    public static DialRule Create(DialRuleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new DialRule(Pattern(options.Match), options.Strip, options.Prepend);
    }

    public static Regex Pattern(string pattern) => new(pattern, RegexOptions.CultureInvariant, s_matchTimeout);

    /// <summary>The number rewritten by the first rule that matches it; unchanged when none does.</summary>
    public static string Apply(IReadOnlyList<DialRule> rules, string number)
    {
        ArgumentNullException.ThrowIfNull(rules);
        foreach (var rule in rules)
        {
            if (rule.TryApply(number, out var rewritten))
            {
                return rewritten;
            }
        }

        return number;
    }

    public bool TryApply(string number, out string rewritten)
    {
        ArgumentNullException.ThrowIfNull(number);
        rewritten = number;
        if (!match.IsMatch(number))
        {
            return false;
        }

        rewritten = prepend + number[Math.Min(strip, number.Length)..];
        return true;
    }
}
