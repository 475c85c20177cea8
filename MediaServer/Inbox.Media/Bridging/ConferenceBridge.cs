using Inbox.Media.Clock;
using Inbox.Media.Mixing;

namespace Inbox.Media.Bridging;

/// <summary>
/// A conference: every tick each member's decoded frame goes into the mixer, and each member is sent the mix of
/// everyone else in its own codec. Members join and leave between ticks; the member list is a copy-on-write
/// snapshot, so the tick takes no lock. Mute is the mixer participant's (a muted member is heard by nobody).
/// </summary>
internal sealed class ConferenceBridge(int sampleRate) : IMediaClockClient
{
    private readonly Lock _gate = new();
    private readonly AudioMixer _mixer = new(sampleRate);
    private ConferenceMember[] _members = [];

    public int SampleRate => _mixer.SampleRate;

    public IReadOnlyList<ConferenceMember> Members => Volatile.Read(ref _members);

    /// <summary>Adds a leg: its decoder must produce, and its encoder take, frames at <see cref="SampleRate"/>.</summary>
    public ConferenceMember Join(DecodedLegInput input, EncodedLegOutput output)
    {
        if (input.OutputRate != SampleRate || output.InputRate != SampleRate)
        {
            throw new ArgumentException($"Conference members must decode and encode at {SampleRate} Hz.", nameof(input));
        }

        var member = new ConferenceMember(input, output, _mixer.Add(), _mixer.FrameSamples);
        lock (_gate)
        {
            Volatile.Write(ref _members, [.. _members, member]);
        }

        return member;
    }

    public bool Leave(ConferenceMember member)
    {
        lock (_gate)
        {
            if (Array.IndexOf(_members, member) < 0)
            {
                return false;
            }

            Volatile.Write(ref _members, [.. _members.Where(m => m != member)]);
        }

        return _mixer.Remove(member.Participant);
    }

    public void Tick(long tickNumber)
    {
        var members = Volatile.Read(ref _members);
        foreach (var member in members)
        {
            member.ReadInput();
        }

        _mixer.Mix();
        foreach (var member in members)
        {
            member.Output.WriteFrame(member.Participant.Output);
        }
    }
}
