using System.Reflection;
using System.Runtime.InteropServices;

namespace Inbox.Media.Codecs;

/// <summary>
/// Finds native libopus once per process. Debian's <c>libopus0</c> package installs only <c>libopus.so.0</c>;
/// <c>libopus.so</c> comes with <c>libopus-dev</c>. The runtime's default probing for "opus" tries <c>libopus.so</c>
/// only, so a <see cref="NativeLibrary.SetDllImportResolver"/> on this assembly maps "opus" to <c>libopus.so.0</c>
/// first (the ABI-versioned runtime name), then <c>libopus.so</c>. Thread-safe.
/// </summary>
/// <remarks>
/// Concentus 2.2.2's <c>OpusCodecFactory</c> cannot use this: it probes with its own <c>dlopen("libopus.so")</c>
/// before any P/Invoke, and its native wrappers are internal, so with libopus0 alone it stays managed. Inbox
/// therefore calls libopus through <see cref="OpusNative"/> and keeps Concentus for the managed fallback.
/// A resolver can be set only once per assembly: any other native library of Inbox.Media must be added here.
/// </remarks>
internal static class OpusLibrary
{
    private static readonly string[] s_candidates = ["libopus.so.0", "libopus.so", "libopus.0.dylib", "opus.dll"];
    private static readonly Lazy<string?> s_version = new(Probe);

    /// <summary>Whether native libopus loaded and answered its version call.</summary>
    public static bool IsAvailable => s_version.Value is not null;

    /// <summary>The native library's version string (for example <c>libopus 1.3.1</c>), or null when not loaded.</summary>
    public static string? Version => s_version.Value;

    private static string? Probe()
    {
        try
        {
            NativeLibrary.SetDllImportResolver(typeof(OpusLibrary).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // Already set (a second AssemblyLoadContext or a test host): the existing resolver stays in charge.
        }

        try
        {
            var version = OpusNative.GetVersionString();
            return version == 0 ? null : Marshal.PtrToStringUTF8(version);
        }
        catch (DllNotFoundException)
        {
            return null;
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != OpusNative.Library)
        {
            return 0;
        }

        foreach (var candidate in s_candidates)
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        // Zero hands the name back to the runtime's default probing.
        return 0;
    }
}
