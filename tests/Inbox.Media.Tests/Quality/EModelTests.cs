using Inbox.Media.Quality;

namespace Inbox.Media.Tests.Quality;

public sealed class EModelTests
{
    [Fact]
    public void Score_G107Defaults_GivesR93Point2AndMos4Point41()
    {
        var input = new EModelInput(0, 0, new CodecImpairment(0, 4.3));

        var score = EModel.Default.Score(input);

        Assert.Equal(93.2, score.R, 0.05);
        Assert.Equal(4.41, score.Mos, 0.005);
        Assert.Equal(94.77, score.Ro, 0.01);
        Assert.Equal(1.41, score.Is, 0.01);
    }

    [Fact]
    public void Score_G711WithPlcAtTwoPercentRandomLoss_GivesR86Point2()
    {
        var input = new EModelInput(0, 2, CodecImpairment.G711WithPlc);

        var score = EModel.Default.Score(input);

        Assert.Equal(95 * 2 / 27.1, score.IeEff, 1e-9);
        Assert.Equal(86.2, score.R, 0.05);
        Assert.Equal(4.24, score.Mos, 0.005);
    }

    [Fact]
    public void Score_OneWayDelay300Ms_GivesR78Point4()
    {
        var input = new EModelInput(300, 0, CodecImpairment.G711WithPlc);

        var score = EModel.Default.Score(input);

        Assert.Equal(14.76, score.Idd, 0.01);
        Assert.Equal(78.4, score.R, 0.1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(50)]
    [InlineData(100)]
    public void DelayImpairment_UpTo100Ms_IsZero(double delayMs)
    {
        var idd = EModel.DelayImpairment(delayMs);

        Assert.Equal(0, idd);
    }

    [Fact]
    public void Score_BurstyLoss_ScoresLowerThanRandomLoss()
    {
        var random = new EModelInput(0, 5, CodecImpairment.G711WithPlc);
        var bursty = random with { BurstRatio = 2 };

        var randomScore = EModel.Default.Score(random);
        var burstyScore = EModel.Default.Score(bursty);

        Assert.True(burstyScore.R < randomScore.R);
    }

    [Fact]
    public void Score_NoPlc_ScoresLowerThanWithPlc()
    {
        var withPlc = new EModelInput(0, 2, CodecImpairment.G711WithPlc);
        var withoutPlc = withPlc with { Codec = CodecImpairment.G711WithoutPlc };

        var plcScore = EModel.Default.Score(withPlc);
        var noPlcScore = EModel.Default.Score(withoutPlc);

        Assert.Equal(95 * 2 / 6.3, noPlcScore.IeEff, 1e-9);
        Assert.True(noPlcScore.R < plcScore.R);
    }

    [Fact]
    public void ToMos_AcrossTheScale_NeverDecreases()
    {
        var previous = EModel.ToMos(-10);

        for (var r = -10.0; r <= 110; r += 0.25)
        {
            var mos = EModel.ToMos(r);

            Assert.True(mos >= previous, $"MOS fell at R = {r}");
            previous = mos;
        }
    }

    [Theory]
    [InlineData(-5, 1)]
    [InlineData(0, 1)]
    [InlineData(100, 4.5)]
    [InlineData(120, 4.5)]
    [InlineData(double.NaN, 1)]
    public void ToMos_OutsideRange_Clamps(double r, double expected)
    {
        var mos = EModel.ToMos(r);

        Assert.Equal(expected, mos);
    }

    [Fact]
    public void Score_TotalLoss_ClampsLossAndStaysFinite()
    {
        var input = new EModelInput(double.NaN, 250, CodecImpairment.G711WithPlc);

        var score = EModel.Default.Score(input);

        Assert.Equal(95 * 100 / 125.1, score.IeEff, 1e-9);
        Assert.True(double.IsFinite(score.R));
        Assert.Equal(0, score.Idd);
    }

    [Theory]
    [InlineData("PCMU", 25.1)]
    [InlineData("pcma", 25.1)]
    [InlineData("G722", 25.1)]
    [InlineData("OPUS", 25.1)]
    public void TryGetForEncoding_KnownCodec_ReturnsValues(string name, double bpl)
    {
        var found = CodecImpairment.TryGetForEncoding(name, out var impairment);

        Assert.True(found);
        Assert.Equal(0, impairment.Ie);
        Assert.Equal(bpl, impairment.Bpl);
    }

    [Fact]
    public void TryGetForEncoding_UnknownCodec_ReturnsFalse()
    {
        var found = CodecImpairment.TryGetForEncoding("G729", out _);

        Assert.False(found);
    }

    [Fact]
    public void Score_WarmedUp_AllocatesNothing()
    {
        var input = new EModelInput(150, 1, CodecImpairment.Opus);
        EModel.Default.Score(input);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var score = EModel.Default.Score(input);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(score.R > 0);
        Assert.Equal(0, allocated);
    }
}
