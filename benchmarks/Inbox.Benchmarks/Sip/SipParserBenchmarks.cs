using BenchmarkDotNet.Attributes;
using Inbox.Sip.Messages;
using Inbox.Sip.Parsing;

namespace Inbox.Benchmarks.Sip;

/// <summary>
/// Parsing the standard INVITE (890 B) and 200 OK (781 B): the zero-allocation index alone, then the full read that
/// copies the message and materialises the typed headers a dialog needs. Targets: index ≤ 1 µs and 0 B, full ≤ 3 µs.
/// </summary>
[MemoryDiagnoser]
public class SipParserBenchmarks
{
    private readonly SipMessageIndex _index = new();
    private byte[] _invite = [];
    private byte[] _ok = [];

    [GlobalSetup]
    public void Setup()
    {
        _invite = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "invite-890.sip"));
        _ok = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Data", "ok200-781.sip"));
    }

    [Benchmark(Baseline = true)]
    public int IndexInvite() => (int)SipParser.TryParse(_invite, _index, isStream: true, out _) + _index.HeaderCount;

    [Benchmark]
    public int IndexOk() => (int)SipParser.TryParse(_ok, _index, isStream: true, out _) + _index.HeaderCount;

    [Benchmark]
    public object? ReadInvite()
    {
        SipMessageReader.TryRead(_invite, isStream: true, _index, out var message, out _, out _);
        var request = (SipRequest)message!;
        _ = request.From;
        _ = request.To;
        _ = request.Contacts;
        _ = request.Vias;
        return request.RequestUri;
    }

    [Benchmark]
    public object? ReadOk()
    {
        SipMessageReader.TryRead(_ok, isStream: true, _index, out var message, out _, out _);
        _ = message!.From;
        _ = message.To;
        _ = message.Contacts;
        return message.Vias;
    }
}
