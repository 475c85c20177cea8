using Google.Protobuf.WellKnownTypes;

namespace Inbox.MediaServer.Grpc.Mapping;

/// <summary>Instants and spans as the protobuf well-known types; a missing instant leaves the field unset.</summary>
internal static class TimeMapping
{
    public static Timestamp ToProto(this DateTimeOffset at) => Timestamp.FromDateTimeOffset(at);

    public static Timestamp? ToProto(this DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    public static Duration ToProto(this TimeSpan span) => Duration.FromTimeSpan(span);

    /// <summary>An optional instant from a request; unset means none.</summary>
    public static DateTimeOffset? ToDomain(this Timestamp? at, string field)
    {
        if (at is null)
        {
            return null;
        }

        try
        {
            return at.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            throw RequestGuard.Invalid($"{field} is not a valid timestamp.");
        }
    }
}
