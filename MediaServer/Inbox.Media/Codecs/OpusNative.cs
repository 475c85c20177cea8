using System.Runtime.InteropServices;

namespace Inbox.Media.Codecs;

/// <summary>
/// The few libopus entry points Inbox uses (opus_defines.h, opus.h of libopus 1.3). The library name "opus" is mapped
/// to the installed file by <see cref="OpusLibrary"/>. Pointers, not arrays: the frame is pinned by the caller, so a
/// call marshals nothing and allocates nothing.
/// </summary>
internal static unsafe partial class OpusNative
{
    public const string Library = "opus";

    public const int ApplicationVoip = 2048;
    public const int SetBitrateRequest = 4002;
    public const int SetInbandFecRequest = 4012;
    public const int SetPacketLossPercentRequest = 4014;
    public const int SetSignalRequest = 4024;
    public const int SignalVoice = 3001;
    public const int InvalidPacket = -4;

    [LibraryImport(Library, EntryPoint = "opus_get_version_string")]
    public static partial nint GetVersionString();

    [LibraryImport(Library, EntryPoint = "opus_encoder_create")]
    public static partial nint EncoderCreate(int sampleRate, int channels, int application, out int error);

    [LibraryImport(Library, EntryPoint = "opus_encoder_destroy")]
    public static partial void EncoderDestroy(nint encoder);

    // opus_encoder_ctl is variadic; with one int argument the SysV x64 and AAPCS64 (Linux) conventions pass it as a
    // fixed argument would be passed, which is what libopus' own bindings rely on. Apple arm64 would differ.
    [LibraryImport(Library, EntryPoint = "opus_encoder_ctl")]
    public static partial int EncoderCtl(nint encoder, int request, int value);

    [LibraryImport(Library, EntryPoint = "opus_encode")]
    public static partial int Encode(nint encoder, short* pcm, int frameSize, byte* data, int maxDataBytes);

    [LibraryImport(Library, EntryPoint = "opus_decoder_create")]
    public static partial nint DecoderCreate(int sampleRate, int channels, out int error);

    [LibraryImport(Library, EntryPoint = "opus_decoder_destroy")]
    public static partial void DecoderDestroy(nint decoder);

    [LibraryImport(Library, EntryPoint = "opus_decode")]
    public static partial int Decode(nint decoder, byte* data, int length, short* pcm, int frameSize, int decodeFec);
}
