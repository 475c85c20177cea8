using Inbox.Media.Players;

namespace Inbox.Telephony.Legs;

/// <summary>
/// What a caller hears when her campaign has no hold music file: a slow, quiet four-note phrase (C5 E5 G5 E5, 400 ms
/// each at -20 dBm0, then a rest), so she knows the line is alive. Per call, not thread-safe; no allocation per frame.
/// </summary>
internal sealed class DefaultHoldMusic : IAudioFrameSource
{
    private const int FramesPerNote = 20; // 400 ms of 20 ms frames.
    private static readonly double[] s_notesHz = [523.25, 659.25, 783.99, 659.25, 0];

    private readonly ToneGenerator?[] _notes;
    private int _note;
    private int _frame;

    public DefaultHoldMusic(int sampleRate)
    {
        _notes = new ToneGenerator?[s_notesHz.Length];
        for (var i = 0; i < s_notesHz.Length; i++)
        {
            // 380 ms on, 20 ms off: a soft gap between notes; a zero frequency is the rest.
            _notes[i] = s_notesHz[i] > 0 ? new ToneGenerator(new ToneDefinition(s_notesHz[i], 0, -20, [380, 20]), sampleRate) : null;
        }
    }

    public void Read(Span<short> frame)
    {
        if (_notes[_note] is { } note)
        {
            note.Read(frame);
        }
        else
        {
            frame.Clear();
        }

        if (++_frame == FramesPerNote)
        {
            _frame = 0;
            _note = (_note + 1) % _notes.Length;
            _notes[_note]?.Reset();
        }
    }
}
