using Inbox.Interactions.Agents;
using Inbox.Interactions.Directory;

namespace Inbox.MediaServer.Grpc.Auth;

/// <summary>Who is calling: the agent as the current directory has her, and the session her token belongs to.</summary>
internal sealed record ApiCaller(Agent Agent, AgentSession Session);
