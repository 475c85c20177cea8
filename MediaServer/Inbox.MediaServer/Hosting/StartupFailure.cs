using System.Net.Sockets;
using Inbox.MediaServer.Grpc;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Inbox.MediaServer.Hosting;

/// <summary>What an operator reads when the server cannot start, and the exit code that goes with it.</summary>
internal static class StartupFailure
{
    /// <summary>Bad configuration: the message names the key to fix.</summary>
    public const int ConfigurationExitCode = 2;

    /// <summary>A port the server needs is taken.</summary>
    public const int PortInUseExitCode = 3;

    /// <summary>A readable message and exit code for a known start-up failure; false for anything else.</summary>
    /// <param name="api">The API's settings when they were read, to name the port that is taken.</param>
    public static bool TryDescribe(Exception exception, ApiOptions? api, out int exitCode, out string message)
    {
        switch (exception)
        {
            case OptionsValidationException e:
                (exitCode, message) = (ConfigurationExitCode, ConfigurationErrors.Describe(e));
                return true;
            case SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } e:
                (exitCode, message) = (PortInUseExitCode, $"Cannot listen: {e.Message}. Another process holds the port set in Sip:Transport:Port.");
                return true;

            // Kestrel reports a taken port as an IOException ("Failed to bind to address ...") around this one.
            case IOException { InnerException: AddressInUseException } e:
                (exitCode, message) = (PortInUseExitCode, $"Cannot listen: {e.Message} Another process holds the port set in {ApiPortKey(e.Message, api)}.");
                return true;
            // An engine asked for by name that this machine cannot run (Media:Receive:Engine).
            case PlatformNotSupportedException e:
                (exitCode, message) = (ConfigurationExitCode, $"Configuration error: {e.Message}");
                return true;
            case InvalidOperationException e when ConfigurationErrors.IsBindingError(e):
                (exitCode, message) = (ConfigurationExitCode, $"Configuration error: {e.Message}");
                return true;
            default:
                (exitCode, message) = (0, string.Empty);
                return false;
        }
    }

    // Kestrel's message names the address it could not bind, e.g. "http://127.0.0.1:5081: address already in use".
    private static string ApiPortKey(string kestrelMessage, ApiOptions? api) =>
        api is null ? "Api:Port or Api:WebPort"
        : api.WebPort != 0 && kestrelMessage.Contains($":{api.WebPort}:", StringComparison.Ordinal) ? "Api:WebPort"
        : "Api:Port";
}
