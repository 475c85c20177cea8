using System.Net;
using Inbox.Sip.Auth;
using Inbox.Sip.Registration;
using Inbox.Sip.Stack;
using Inbox.Sip.Tests.Registration;
using Inbox.Sip.Transactions;
using Inbox.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Inbox.Sip.Tests.Stack;

/// <summary>The real transport, stack and registrar on 127.0.0.1 with free ports; extension 1001, password "secret".</summary>
internal sealed class LoopbackSipServer : IAsyncDisposable
{
    public const string Realm = "inbox";
    public const string Extension = "1001";
    public const string Password = "secret";

    private LoopbackSipServer(SipTransportLayer transport, SipStack stack, SipTransportCounters counters)
    {
        Transport = transport;
        Stack = stack;
        Counters = counters;
    }

    public SipTransportLayer Transport { get; }

    public SipStack Stack { get; }

    public SipTransportCounters Counters { get; }

    public IPEndPoint UdpEndPoint => Transport.LocalEndPoints.First(e => e.Protocol == SipTransportProtocol.Udp).Address;

    public IPEndPoint TcpEndPoint => Transport.LocalEndPoints.First(e => e.Protocol == SipTransportProtocol.Tcp).Address;

    public static LoopbackSipServer Start(int maxMessageSize = 65535)
    {
        var time = TimeProvider.System;
        var counters = new SipTransportCounters();
        var transport = new SipTransportLayer(
            Options.Create(new SipTransportOptions { ListenAddresses = ["127.0.0.1"], Port = 0, MaxMessageSize = maxMessageSize }),
            counters, time, NullLogger<SipTransportLayer>.Instance);

        var credentials = new InMemoryDigestCredentialStore();
        credentials.Set(DigestCredential.FromPassword(Extension, Realm, Password));
        var authenticator = new DigestAuthenticator(Options.Create(new DigestAuthOptions { Realm = Realm }), credentials, time);
        var registrarOptions = Options.Create(new SipRegistrarOptions { Realm = Realm });
        var bindings = new SipBindingTable(new RecordingBindingStore(), registrarOptions, time);
        var registrar = new SipRegistrar(authenticator, credentials, bindings, registrarOptions, time);

        var stack = new SipStack(
            transport, [registrar], Options.Create(new SipStackOptions()), new SipTimerOptions(), time,
            NullLogger<SipStack>.Instance, NullLogger<SipTransactionLayer>.Instance);
        transport.Start(stack);
        return new LoopbackSipServer(transport, stack, counters);
    }

    public async ValueTask DisposeAsync()
    {
        await Transport.StopAsync();
        await Stack.DisposeAsync();
        await Transport.DisposeAsync();
    }
}
