using System.Net.Sockets;
using Inbox.Media.Sessions;

namespace Inbox.Media.Transport;

/// <summary>One receive thread of an engine: it reads the sockets it was given, and says how many it has.</summary>
internal interface IRtpEngineWorker
{
    int SocketCount { get; }

    /// <summary>Starts reading the socket for the session; returns the slot to remove it by.</summary>
    int Add(RtpSession session, Socket socket, bool isRtcp);

    void Remove(int slot);
}
