using System.Text;
using Microsoft.Extensions.Options;

namespace Inbox.MediaServer.Hosting;

/// <summary>Turns option validation failures into messages that name the configuration key to fix.</summary>
internal static class ConfigurationErrors
{
    public static string Describe(OptionsValidationException exception)
    {
        var section = InboxServiceCollectionExtensions.SectionOf(exception.OptionsType);
        var builder = new StringBuilder("Configuration error");
        builder.Append(exception.Failures.Count() > 1 ? "s" : string.Empty).Append(" in section '").Append(section).Append("':");
        foreach (var failure in exception.Failures)
        {
            builder.AppendLine().Append("  ").Append(failure);
        }

        return builder.ToString();
    }

    // ConfigurationBinder reports a value it cannot convert as "Failed to convert configuration value at 'Key'...".
    public static bool IsBindingError(InvalidOperationException exception) =>
        exception.Message.Contains("configuration value", StringComparison.OrdinalIgnoreCase);
}
