using BenchmarkDotNet.Attributes;
using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;

namespace Inbox.Benchmarks.Sip;

/// <summary>
/// Writing the standard INVITE and 200 OK back to bytes from their index into a preallocated buffer (target 0 B),
/// and, for reference, building a 200 OK to the INVITE with <see cref="SipMessageBuilder"/>.
/// </summary>
[MemoryDiagnoser]
public class SipSerializerBenchmarks
{
    private readonly byte[] _destination = new byte[4096];
    private SipMessage _invite = null!;
    private SipMessage _ok = null!;

    [GlobalSetup]
    public void Setup()
    {
        _invite = Read("invite-890.sip");
        _ok = Read("ok200-781.sip");
    }

    [Benchmark(Baseline = true)]
    public int WriteInvite() => SipMessageWriter.TryWrite(_invite, _destination, out var written) ? written : -1;

    [Benchmark]
    public int WriteOk() => SipMessageWriter.TryWrite(_ok, _destination, out var written) ? written : -1;

    [Benchmark]
    public int BuildOk()
    {
        var response = SipMessageBuilder.Response(200)
            .CopyHeaders(_invite, SipHeaderId.Via)
            .Header(SipHeaderId.From, _invite.GetHeaderBytes(SipHeaderId.From))
            .Header(SipHeaderId.To, "\"Bob\" <sip:bob@biloxi.example.com>;tag=8321234356")
            .Header(SipHeaderId.CallId, _invite.GetHeaderBytes(SipHeaderId.CallId))
            .Header(SipHeaderId.CSeq, _invite.GetHeaderBytes(SipHeaderId.CSeq))
            .Header(SipHeaderId.Contact, "<sip:bob@192.0.2.20:5060;transport=udp>")
            .Build();
        return response.Bytes.Length;
    }

    private static SipMessage Read(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", file));
        var status = SipMessageReader.TryRead(bytes, out var message, out var error);
        return status == SipParseStatus.Ok ? message! : throw new InvalidOperationException($"{file}: {error}");
    }
}
