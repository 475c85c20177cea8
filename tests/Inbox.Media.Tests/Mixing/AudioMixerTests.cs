using Inbox.Media.Mixing;

namespace Inbox.Media.Tests.Mixing;

public sealed class AudioMixerTests
{
    [Fact]
    public void Mix_ThreeParticipants_EachHearsSumOfTheOtherTwo()
    {
        var mixer = new AudioMixer(8000);
        var a = mixer.Add();
        var b = mixer.Add();
        var c = mixer.Add();
        a.SetInput(Constant(100));
        b.SetInput(Constant(20));
        c.SetInput(Constant(-3));

        mixer.Mix();

        Assert.Equal(160, a.Output.Length);
        Assert.All(a.Output.ToArray(), s => Assert.Equal(17, s));
        Assert.All(b.Output.ToArray(), s => Assert.Equal(97, s));
        Assert.All(c.Output.ToArray(), s => Assert.Equal(120, s));
    }

    [Fact]
    public void Mix_ParticipantMuted_ExcludedFromOthersAndStillHearsThem()
    {
        var mixer = new AudioMixer(16000);
        var a = mixer.Add();
        var b = mixer.Add();
        var c = mixer.Add();
        a.IsMuted = true;
        a.SetInput(Constant(1000, 320));
        b.SetInput(Constant(20, 320));
        c.SetInput(Constant(3, 320));

        mixer.Mix();

        Assert.All(a.Output.ToArray(), s => Assert.Equal(23, s));
        Assert.All(b.Output.ToArray(), s => Assert.Equal(3, s));
        Assert.All(c.Output.ToArray(), s => Assert.Equal(20, s));
        Assert.All(a.HeardInput.ToArray(), s => Assert.Equal(0, s));
    }

    [Fact]
    public void Mix_ParticipantWhispers_OnlyItsListenerHearsItAndItHearsEverybody()
    {
        var mixer = new AudioMixer(8000);
        var customer = mixer.Add();
        var agent = mixer.Add();
        var supervisor = mixer.Add();
        supervisor.WhisperTo = agent;
        customer.SetInput(Constant(100));
        agent.SetInput(Constant(20));
        supervisor.SetInput(Constant(-3));

        mixer.Mix();

        Assert.All(customer.Output.ToArray(), s => Assert.Equal(20, s));
        Assert.All(agent.Output.ToArray(), s => Assert.Equal(97, s));
        Assert.All(supervisor.Output.ToArray(), s => Assert.Equal(120, s));
    }

    [Fact]
    public void Mix_WhisperEnds_EverybodyHearsTheFormerWhispererFromTheNextTick()
    {
        var mixer = new AudioMixer(8000);
        var customer = mixer.Add();
        var agent = mixer.Add();
        var supervisor = mixer.Add();
        supervisor.WhisperTo = agent;
        Tick(mixer, Constant(10));
        var whispered = customer.Output[0];

        supervisor.WhisperTo = null;
        Tick(mixer, Constant(10));

        Assert.Equal((10, 20), (whispered, customer.Output[0]));
    }

    [Fact]
    public void Mix_GainSet_ScalesContribution()
    {
        var mixer = new AudioMixer(8000);
        var half = mixer.Add();
        var tenfold = mixer.Add();
        var listener = mixer.Add();
        half.Gain = 0.5f;
        tenfold.GainDecibels = 20;
        half.SetInput(Constant(1000));
        tenfold.SetInput(Constant(7));

        mixer.Mix();

        Assert.All(half.Output.ToArray(), s => Assert.Equal(70, s));
        Assert.All(tenfold.Output.ToArray(), s => Assert.Equal(500, s));
        Assert.All(listener.Output.ToArray(), s => Assert.Equal(570, s));
        Assert.All(half.HeardInput.ToArray(), s => Assert.Equal(500, s));
        Assert.Equal(20, tenfold.GainDecibels, 3);
    }

    [Theory]
    [InlineData(30000, 30000, short.MaxValue)]
    [InlineData(-30000, -30000, short.MinValue)]
    [InlineData(short.MaxValue, 1, short.MaxValue)]
    [InlineData(short.MinValue, -1, short.MinValue)]
    public void Mix_SumOutsideSixteenBits_Saturates(short first, short second, short expected)
    {
        var mixer = new AudioMixer(48000);
        var a = mixer.Add();
        var b = mixer.Add();
        var listener = mixer.Add();
        a.SetInput(Constant(first, 960));
        b.SetInput(Constant(second, 960));

        mixer.Mix();

        Assert.All(listener.Output.ToArray(), s => Assert.Equal(expected, s));
        Assert.All(a.Output.ToArray(), s => Assert.Equal(second, s));
    }

    [Fact]
    public void Mix_JoinAndLeaveBetweenTicks_AppliesFromNextTick()
    {
        var mixer = new AudioMixer(8000);
        var a = mixer.Add();
        var b = mixer.Add();
        a.SetInput(Constant(1));
        b.SetInput(Constant(2));
        mixer.Mix();

        var c = mixer.Add();
        a.SetInput(Constant(1));
        b.SetInput(Constant(2));
        c.SetInput(Constant(4));
        mixer.Mix();
        var withC = a.Output[0];
        var removed = mixer.Remove(b);
        a.SetInput(Constant(1));
        c.SetInput(Constant(4));
        mixer.Mix();

        Assert.Equal(6, withC);
        Assert.True(removed);
        Assert.False(mixer.Remove(b));
        Assert.Equal(4, a.Output[0]);
        Assert.Equal(1, c.Output[0]);
        Assert.Equal(2, mixer.Participants.Count);
    }

    [Fact]
    public void Mix_NoInputForTick_TreatsParticipantAsSilent()
    {
        var mixer = new AudioMixer(8000);
        var a = mixer.Add();
        var b = mixer.Add();
        a.SetInput(Constant(50));
        mixer.Mix();

        mixer.Mix();

        Assert.All(b.Output.ToArray(), s => Assert.Equal(0, s));
    }

    [Fact]
    public void SetInput_WrongLength_Throws()
    {
        var participant = new AudioMixer(8000).Add();

        var act = () => participant.SetInput(new short[159]);

        Assert.Throws<ArgumentException>(act);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(16.5f)]
    [InlineData(float.NaN)]
    public void Gain_OutOfRange_Throws(float gain)
    {
        var participant = new AudioMixer(8000).Add();

        var act = () => { participant.Gain = gain; };

        Assert.Throws<ArgumentOutOfRangeException>(act);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Mix_TenParticipants_AllocatesNothing(bool oneWhispers)
    {
        var mixer = new AudioMixer(48000);
        var frame = TestSignals.Tone(440, 48000, 960, 8000);
        for (var i = 0; i < 10; i++)
        {
            mixer.Add().Gain = i % 2 == 0 ? 1f : 0.7f;
        }

        mixer.Participants[3].IsMuted = true;
        mixer.Participants[9].WhisperTo = oneWhispers ? mixer.Participants[0] : null;
        for (var i = 0; i < 100; i++)
        {
            Tick(mixer, frame);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Tick(mixer, frame);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void Tick(AudioMixer mixer, short[] frame)
    {
        var participants = mixer.Participants;
        for (var p = 0; p < participants.Count; p++)
        {
            participants[p].SetInput(frame);
        }

        mixer.Mix();
    }

    private static short[] Constant(short value, int length = 160)
    {
        var frame = new short[length];
        frame.AsSpan().Fill(value);
        return frame;
    }
}
