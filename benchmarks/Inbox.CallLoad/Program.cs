using Inbox.CallLoad;

// The helper of benchmarks/load/call-load.sh, in two commands:
//   config: writes the server's appsettings.json for N agents and sipp's injection files (registrations, numbers).
//   agents: plays the agents' desks (sign in, available, event streams, closing finished calls), the RTP side of
//           their phones (echo) and of the callers (a packet every 20 ms), counting loss both ways, and writes a
//           status line every second until SIGTERM or SIGINT.
var options = CommandLine.Parse(args.Skip(1).ToArray());
return args.FirstOrDefault() switch
{
    "config" => await LoadConfig.WriteAsync(options),
    "agents" => await AgentDesks.RunAsync(options),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Inbox.CallLoad config --base config/appsettings.json --out DIR --agents N [--team-size T] --sip-port P --api-port A --web-port W [--receive-engine Auto|Ring|Batched|PerSession]");
    Console.Error.WriteLine("       Inbox.CallLoad agents --api-port A --agents N --agent-rtp-port R --caller-rtp-port C --status FILE --waits FILE [--server-pid P]");
    return 2;
}
