using System.Buffers.Binary;

namespace Inbox.Interactions.Engine;

/// <summary>
/// Record ids: UUID version 7 (RFC 9562 §5.7) as 32 hex digits, each greater than the one before in this process.
/// A plain version 7 id orders by millisecond only, its remaining bits being random, while stored lists break ties
/// on equal times by id: the outbox resumes an interaction's messages in that order after a restart.
/// Thread-safe.
/// </summary>
internal static class OrderedIds
{
    private static readonly Lock s_lock = new();
    private static UInt128 s_last;

    public static string Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.CreateVersion7().TryWriteBytes(bytes, bigEndian: true, out _);
        var value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        lock (s_lock)
        {
            // Within one millisecond: one more than the last, which only touches the random bits (RFC 9562 §6.2, method 2).
            if (value <= s_last)
            {
                value = s_last + 1;
            }

            s_last = value;
        }

        return value.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
    }
}
