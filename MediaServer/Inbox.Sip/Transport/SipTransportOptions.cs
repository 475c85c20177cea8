using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Inbox.Sip.Transport;

/// <summary>Where and how the server listens for SIP (configuration section <c>Sip:Transport</c>).</summary>
internal sealed class SipTransportOptions : IValidatableObject
{
    public const string SectionName = "Sip:Transport";

    /// <summary>
    /// IP addresses to listen on. Empty (the default) means 127.0.0.1 and ::1: loopback only until an operator opens
    /// it up. The list starts empty because the configuration binder appends to a list rather than replacing it.
    /// </summary>
    public List<string> ListenAddresses { get; set; } = [];

    /// <summary>The SIP port for UDP and TCP. Default 5060; 0 picks a free port (tests).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 5060;

    /// <summary>Listen on UDP. Default true.</summary>
    public bool EnableUdp { get; set; } = true;

    /// <summary>Listen on TCP. Default true.</summary>
    public bool EnableTcp { get; set; } = true;

    /// <summary>Largest message accepted; larger requests get 513 (RFC 3261 §21.5.14). Default 65,535 bytes.</summary>
    [Range(1024, 1048576)]
    public int MaxMessageSize { get; set; } = 65535;

    /// <summary>A TCP connection with no traffic for this long is closed. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan TcpIdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time allowed to open an outbound TCP connection. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan TcpConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public IReadOnlyList<IPAddress> GetListenAddresses() =>
        ListenAddresses.Count == 0 ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : [.. ListenAddresses.Select(IPAddress.Parse)];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var address in ListenAddresses)
        {
            if (!IPAddress.TryParse(address, out _))
            {
                yield return new ValidationResult($"ListenAddresses: '{address}' is not an IP address.", [nameof(ListenAddresses)]);
            }
        }

        if (!EnableUdp && !EnableTcp)
        {
            yield return new ValidationResult("EnableUdp and EnableTcp are both false: SIP would not listen at all.", [nameof(EnableUdp)]);
        }
    }
}
