using Microsoft.Extensions.Options;

namespace Inbox.Media.Quality;

/// <summary>
/// Checks <see cref="QualityOptions"/>: 4.5 ≥ green &gt; orange &gt; 1 (MOS-CQE runs from 1 to 4.5) and an interval of
/// at least one second. Hand-written because the rule relates two properties, which data annotations cannot say.
/// </summary>
internal sealed class QualityOptionsValidator : IValidateOptions<QualityOptions>
{
    public ValidateOptionsResult Validate(string? name, QualityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string>? failures = null;
        if (!(options.GreenMinimumMos <= 4.5 && options.GreenMinimumMos > options.OrangeMinimumMos))
        {
            (failures ??= []).Add(
                $"{nameof(QualityOptions.GreenMinimumMos)} ({options.GreenMinimumMos}) must be at most 4.5 and above {nameof(QualityOptions.OrangeMinimumMos)} ({options.OrangeMinimumMos}).");
        }

        if (!(options.OrangeMinimumMos > 1))
        {
            (failures ??= []).Add($"{nameof(QualityOptions.OrangeMinimumMos)} ({options.OrangeMinimumMos}) must be above 1.");
        }

        if (options.Interval < TimeSpan.FromSeconds(1))
        {
            (failures ??= []).Add($"{nameof(QualityOptions.Interval)} ({options.Interval}) must be at least one second.");
        }

        return failures is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
