using System.Net;
using System.Net.Sockets;

namespace Inbox.Interactions.Channels;

/// <summary>Which exceptions from a channel mean "try again later" rather than "this message cannot be sent".</summary>
internal static class TransientFailures
{
    /// <summary>
    /// A network or I/O failure, a timeout, or an HTTP answer of 408, 429 or 5xx: the provider could not be reached
    /// or asked to wait. Anything else (a bug, a refusal) fails the message for good.
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException { StatusCode: { } status }:
                    return status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
                case HttpRequestException or IOException or SocketException or TimeoutException:
                    return true;
                case OperationCanceledException:
                    // Not the outbox's own cancellation (the caller checks that first): a client's timeout, as
                    // HttpClient reports it.
                    return true;
                default:
                    break;
            }
        }

        return false;
    }
}
