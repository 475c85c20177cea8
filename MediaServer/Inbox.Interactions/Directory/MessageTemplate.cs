using System.Text.RegularExpressions;
using Inbox.Interactions.Channels;

namespace Inbox.Interactions.Directory;

/// <summary>A message template of a campaign, with {{n}} placeholders.</summary>
internal sealed partial record MessageTemplate(string Id, ChannelKind Channel, string Name, string Language, string Body, bool Approved)
{
    public int ParameterCount => Placeholder().Matches(Body).Select(m => m.Groups[1].Value).Distinct().Count();

    /// <summary>The text with {{1}}..{{n}} replaced by the given parameters.</summary>
    public string Render(IReadOnlyList<string> parameters) =>
        Placeholder().Replace(Body, m =>
        {
            var index = int.Parse(m.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture) - 1;
            return index < parameters.Count ? parameters[index] : m.Value;
        });

    public static MessageTemplate From(TemplateOptions options) =>
        new(options.Id, options.Channel, options.Name, options.Language, options.Body, options.Approved);

    [GeneratedRegex(@"\{\{(\d{1,2})\}\}")]
    private static partial Regex Placeholder();
}
