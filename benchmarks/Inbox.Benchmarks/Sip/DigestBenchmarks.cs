using BenchmarkDotNet.Attributes;
using Inbox.Sip.Auth;
using Microsoft.Extensions.Options;

namespace Inbox.Benchmarks.Sip;

/// <summary>
/// Server-side digest verification of one REGISTER against an in-memory password credential: parse the
/// Authorization value, check the nonce MAC, compute HA1/HA2/response and advance the nonce-count.
/// </summary>
/// <remarks>
/// Every verification needs a fresh nc (a repeated one is rejected as a replay), so each iteration runs exactly
/// <see cref="HeadersPerIteration"/> invocations over headers prebuilt in <see cref="BuildHeaders"/>; building
/// them is client work and stays out of the measurement.
/// </remarks>
[MemoryDiagnoser]
[InvocationCount(HeadersPerIteration)]
public class DigestBenchmarks
{
    // About 100 ms of verification per iteration at ~5-7 us each (dry run on the 2-core CI box).
    private const int HeadersPerIteration = 16384;
    private const string Realm = "inbox.test";
    private const string Uri = "sip:inbox.test";
    private const string Password = "correct horse battery staple";

    private readonly string[] _headers = new string[HeadersPerIteration];
    private readonly DigestAuthorization[] _parsed = new DigestAuthorization[HeadersPerIteration];
    private DigestAuthenticator _authenticator = null!;
    private DigestCredential _credential = null!;
    private DigestChallenge _sha256Challenge = null!;
    private DigestChallenge _md5Challenge = null!;
    private uint _nonceCount;
    private int _index;

    [GlobalSetup]
    public void Setup()
    {
        var store = new InMemoryDigestCredentialStore();
        _credential = DigestCredential.FromPassword("alice", Realm, Password);
        store.Set(_credential);
        var options = Options.Create(new DigestAuthOptions { Realm = Realm, NonceLifetime = TimeSpan.FromDays(1) });
        _authenticator = new DigestAuthenticator(options, store, TimeProvider.System);
        var challenges = _authenticator.CreateChallenges();
        _sha256Challenge = DigestChallenge.TryParse(challenges[0], out var sha256) ? sha256! : throw new InvalidOperationException(challenges[0]);
        _md5Challenge = DigestChallenge.TryParse(challenges[1], out var md5) ? md5! : throw new InvalidOperationException(challenges[1]);
    }

    [IterationSetup(Targets = [nameof(VerifySha256Header), nameof(VerifySha256Parsed)])]
    public void BuildSha256Headers() => BuildHeaders(_sha256Challenge);

    [IterationSetup(Target = nameof(VerifyMd5Header))]
    public void BuildMd5Headers() => BuildHeaders(_md5Challenge);

    [Benchmark(Baseline = true)]
    public async ValueTask<bool> VerifySha256Header() =>
        (await _authenticator.VerifyAsync(_headers[_index++], "REGISTER", Uri).ConfigureAwait(false)).IsSuccess;

    [Benchmark]
    public async ValueTask<bool> VerifyMd5Header() =>
        (await _authenticator.VerifyAsync(_headers[_index++], "REGISTER", Uri).ConfigureAwait(false)).IsSuccess;

    // The allocation-free core without parsing (expected 0 B).
    [Benchmark]
    public bool VerifySha256Parsed() =>
        _authenticator.Verify(_parsed[_index++], _credential, "REGISTER").IsSuccess;

    private void BuildHeaders(DigestChallenge challenge)
    {
        for (var i = 0; i < HeadersPerIteration; i++)
        {
            _headers[i] = DigestClient.CreateAuthorization(challenge, "alice", Password, "REGISTER", Uri, ++_nonceCount, "0a4f113b");
            _parsed[i] = DigestAuthorization.TryParse(_headers[i], out var parsed) ? parsed! : throw new InvalidOperationException(_headers[i]);
        }

        _index = 0;
    }
}
