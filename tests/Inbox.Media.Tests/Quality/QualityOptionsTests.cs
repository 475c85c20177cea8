using Inbox.Media.Quality;

namespace Inbox.Media.Tests.Quality;

public sealed class QualityOptionsTests
{
    [Theory]
    [InlineData(4.41, "Green")]
    [InlineData(4.0, "Green")]
    [InlineData(3.99, "Orange")]
    [InlineData(3.6, "Orange")]
    [InlineData(3.59, "Red")]
    [InlineData(1, "Red")]
    public void Classify_DefaultThresholds_PicksColour(double mos, string expected)
    {
        var options = new QualityOptions();

        var color = options.Classify(mos);

        Assert.Equal(Enum.Parse<QualityColor>(expected), color);
    }

    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var validator = new QualityOptionsValidator();

        var result = validator.Validate(null, new QualityOptions());

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData(3.6, 3.6)]
    [InlineData(3.5, 3.6)]
    [InlineData(4.6, 3.6)]
    [InlineData(4.0, 1.0)]
    [InlineData(double.NaN, 3.6)]
    public void Validate_BadThresholds_Fails(double green, double orange)
    {
        var options = new QualityOptions { GreenMinimumMos = green, OrangeMinimumMos = orange };

        var result = new QualityOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
    }

    [Fact]
    public void Validate_SubSecondInterval_Fails()
    {
        var options = new QualityOptions { Interval = TimeSpan.FromMilliseconds(500) };

        var result = new QualityOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Interval", result.FailureMessage, StringComparison.Ordinal);
    }
}
