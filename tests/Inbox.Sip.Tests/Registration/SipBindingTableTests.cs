using System.Net;
using Inbox.Sip.Messages;
using Inbox.Sip.Registration;
using Inbox.Sip.Transport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Inbox.Sip.Tests.Registration;

public sealed class SipBindingTableTests
{
    private const string Aor = "sip:1001@inbox";
    private const string CallId = "reg-call-1@phone";

    private static readonly SipEndPoint s_source = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 5062));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly RecordingBindingStore _store = new();
    private readonly SipRegistrarOptions _options = new();

    [Fact]
    public async Task ApplyAsync_NewContact_AddsBinding()
    {
        var table = CreateTable();

        var outcome = await table.ApplyAsync(Request(["<sip:1001@10.0.0.5:5062>"], expires: 600), TestContext.Current.CancellationToken);

        Assert.Equal(200, outcome.StatusCode);
        var binding = Assert.Single(table.Lookup(Aor));
        Assert.Equal("sip:1001@10.0.0.5:5062", binding.Contact);
        Assert.Equal(_time.GetUtcNow().AddSeconds(600), binding.ExpiresAt);
        Assert.Equal(s_source, binding.Source);
        Assert.Equal(CallId, binding.CallId);
    }

    [Fact]
    public async Task ApplyAsync_SameContactHigherCSeq_RefreshesBinding()
    {
        var table = CreateTable();
        await table.ApplyAsync(Request(["<sip:1001@10.0.0.5:5062>"], expires: 600, cseq: 1), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(300));

        var outcome = await table.ApplyAsync(Request(["<sip:1001@10.0.0.5:5062>"], expires: 600, cseq: 2), TestContext.Current.CancellationToken);

        Assert.Equal(200, outcome.StatusCode);
        var binding = Assert.Single(table.Lookup(Aor));
        Assert.Equal(2, binding.CSeq);
        Assert.Equal(_time.GetUtcNow().AddSeconds(600), binding.ExpiresAt);
        Assert.Equal(_time.GetUtcNow(), binding.UpdatedAt);
    }

    [Fact]
    public async Task ApplyAsync_SeveralContacts_KeepsEachBinding()
    {
        var table = CreateTable();
        await table.ApplyAsync(Request(["<sip:1001@10.0.0.5:5062>"], expires: 600, callId: "desk"), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(1));

        var outcome = await table.ApplyAsync(
            Request(["<sip:1001@10.0.0.6:5060>", "<sip:1001@10.0.0.7:5060;transport=tcp>"], expires: 600, callId: "soft"),
            TestContext.Current.CancellationToken);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal(3, outcome.Bindings.Count);
        Assert.Equal(3, table.Lookup(Aor).Count);
        Assert.Equal("sip:1001@10.0.0.5:5062", table.Lookup(Aor)[^1].Contact);
    }

    [Fact]
    public async Task ApplyAsync_ContactExpiresParameter_TakesPrecedenceOverHeader()
    {
        var table = CreateTable();

        var outcome = await table.ApplyAsync(Request(["<sip:1001@10.0.0.5>;expires=120"], expires: 900), TestContext.Current.CancellationToken);

        Assert.Equal(_time.GetUtcNow().AddSeconds(120), Assert.Single(outcome.Bindings).ExpiresAt);
    }

    [Fact]
    public async Task ApplyAsync_ExpiresHeaderOnly_UsesHeader()
    {
        var table = CreateTable();

        var outcome = await table.ApplyAsync(Request(["<sip:1001@10.0.0.5>"], expires: 900), TestContext.Current.CancellationToken);

        Assert.Equal(_time.GetUtcNow().AddSeconds(900), Assert.Single(outcome.Bindings).ExpiresAt);
    }

    [Fact]
    public async Task ApplyAsync_NoExpiresAnywhere_UsesDefaultExpires()
    {
        var table = CreateTable();

        var outcome = await table.ApplyAsync(Request(["<sip:1001@10.0.0.5>"], expires: null), TestContext.Current.CancellationToken);

        Assert.Equal(_time.GetUtcNow().AddSeconds(_options.DefaultExpires), Assert.Single(outcome.Bindings).ExpiresAt);
    }

    [Fact]
    public async Task ApplyAsync_ExpiresZeroForOneContact_RemovesOnlyThatContact()
    {
        var table = CreateTable();
        await table.ApplyAsync(Request(["<sip:1001@10.0.0.5>", "<sip:1001@10.0.0.6>"], expires: 600, cseq: 1), TestContext.Current.CancellationToken);

        var outcome = await table.ApplyAsync(Request(["<sip:1001@10.0.0.5>;expires=0"], expires: null, cseq: 2), TestContext.Current.CancellationToken);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal("sip:1001@10.0.0.6", Assert.Single(table.Lookup(Aor)).Contact);
    }

    [Fact]
    public async Task ApplyAsync_WildcardWithExpiresZero_RemovesAllBindings()
    {
        var table = CreateTable();
        await table.ApplyAsync(Request(["<sip:1001@10.0.0.5>", "<sip:1001@10.0.0.6>"], expires: 600, cseq: 1), TestContext.Current.CancellationToken);

        var outcome = await table.ApplyAsync(Request(["*"], expires: 0, cseq: 2), TestContext.Current.CancellationToken);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Empty(outcome.Bindings);
        Assert.Empty(table.Lookup(Aor));
        Assert.Empty(_store.Stored(Aor));
    }

    [Fact]
    public async Task ApplyAsync_WildcardWithOtherContact_Returns400()
    {
        var table = CreateTable();

        var outcome = await table.ApplyAsync(Request(["*", "<sip:1001@10.0.0.5>"], expires: 0), TestContext.Current.CancellationToken);

        Assert.Equal(400, outcome.StatusCode);
        Assert.Empty(_store.Saves);
    }

    [Theory]
    [InlineData(3600)]
    [InlineData(null)]
    public async Task ApplyAsync_WildcardWithNonzeroOrMissingExpires_Returns400(int? expires)
    {
        var table = CreateTable();
        await table.ApplyAsync(Request(["<sip:1001@10.0.0.5>"], expires: 600, cseq: 1), TestContext.Current.CancellationToken);

        var outcome = await table.ApplyAsync(Request(["*"], expires: expires, cseq: 2), TestContext.Current.CancellationToken);

        Assert.Equal(400, outcome.StatusCode);
        Assert.Single(table.Lookup(Aor));
    }

    [Fact]
    public async Task ApplyAsync_IntervalBelowMinExpires_Returns423()
    {
        var table = CreateTable();

        var outcome = await table.ApplyAsync(Request(["<sip:1001@10.0.0.5>"], expires: _options.MinExpires - 1), TestContext.Current.CancellationToken);

        Assert.Equal(423, outcome.StatusCode);
        Assert.Empty(table.Lookup(Aor));
        Assert.Empty(_store.Saves);
    }

    [Fact]
    public async Task ApplyAsync_IntervalAboveMaxExpires_IsCappedAtMaxExpires()
    {
        var table = CreateTable();

        var outcome = await table.ApplyAsync(Request(["<sip:1001@10.0.0.5>"], expires: _options.MaxExpires * 10), TestContext.Current.CancellationToken);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal(_time.GetUtcNow().AddSeconds(_options.MaxExpires), Assert.Single(outcome.Bindings).ExpiresAt);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(4)]
    public async Task ApplyAsync_SameCallIdWithLowerOrEqualCSeq_Returns500OutOfOrder(long cseq)
    {
        var table = CreateTable();
        await table.ApplyAsync(Request(["<sip:1001@10.0.0.5>"], expires: 600, cseq: 5), TestContext.Current.CancellationToken);

        var outcome = await table.ApplyAsync(Request(["<sip:1001@10.0.0.5>"], expires: 1200, cseq: cseq), TestContext.Current.CancellationToken);

        Assert.Equal(500, outcome.StatusCode);
        Assert.Contains("order", outcome.ReasonPhrase, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(5, Assert.Single(table.Lookup(Aor)).CSeq);
    }

    [Fact]
    public async Task Lookup_AfterExpiry_ReturnsNothing()
    {
        var table = CreateTable();
        await table.ApplyAsync(Request(["<sip:1001@10.0.0.5>"], expires: 600), TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromSeconds(599));
        var beforeExpiry = table.Lookup(Aor);
        _time.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = table.Lookup(Aor);

        Assert.Single(beforeExpiry);
        Assert.Empty(atExpiry);
    }

    [Fact]
    public async Task ApplyAsync_BeyondMaxContactsPerAddress_EvictsOldest()
    {
        _options.MaxContactsPerAddress = 2;
        var table = CreateTable();
        await table.ApplyAsync(Request(["<sip:1001@10.0.0.1>"], expires: 600, callId: "a"), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(1));
        await table.ApplyAsync(Request(["<sip:1001@10.0.0.2>"], expires: 600, callId: "b"), TestContext.Current.CancellationToken);
        _time.Advance(TimeSpan.FromSeconds(1));

        var outcome = await table.ApplyAsync(Request(["<sip:1001@10.0.0.3>"], expires: 600, callId: "c"), TestContext.Current.CancellationToken);

        Assert.Equal(200, outcome.StatusCode);
        Assert.Equal(["sip:1001@10.0.0.3", "sip:1001@10.0.0.2"], table.Lookup(Aor).Select(b => b.Contact));
    }

    [Fact]
    public async Task ApplyAsync_StoreSaveIncomplete_DoesNotReturnUntilSaved()
    {
        var table = CreateTable();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.SaveGate = release.Task;

        var apply = table.ApplyAsync(Request(["<sip:1001@10.0.0.5>"], expires: 600), TestContext.Current.CancellationToken);
        var completedBeforeSave = apply.IsCompleted;
        release.SetResult();
        var outcome = await apply;

        Assert.False(completedBeforeSave);
        Assert.Equal(200, outcome.StatusCode);
        var (addressOfRecord, saved) = Assert.Single(_store.Saves);
        Assert.Equal(Aor, addressOfRecord);
        Assert.Equal("sip:1001@10.0.0.5", Assert.Single(saved).Contact);
    }

    [Fact]
    public async Task LoadAsync_StoredBindings_DropsExpiredOnes()
    {
        var now = _time.GetUtcNow();
        _store.Seed(
            Binding("sip:1001@10.0.0.5", now.AddSeconds(300)),
            Binding("sip:1001@10.0.0.6", now.AddSeconds(-1)),
            Binding("sip:1001@10.0.0.7", now));
        var table = CreateTable();

        await table.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Equal("sip:1001@10.0.0.5", Assert.Single(table.Lookup(Aor)).Contact);
    }

    private SipBindingTable CreateTable() => new(_store, Options.Create(_options), _time);

    private static RegistrationRequest Request(string[] contacts, int? expires, long cseq = 1, string callId = CallId) =>
        new(Aor, [.. contacts.Select(ParseContact)], expires, callId, cseq, s_source, "test-phone");

    private static SipNameAddress ParseContact(string text) =>
        SipNameAddress.TryParse(text, out var contact) ? contact : throw new FormatException(text);

    private SipBinding Binding(string contact, DateTimeOffset expiresAt) =>
        new(Aor, contact, expiresAt, CallId, 1, s_source, null, _time.GetUtcNow().AddMinutes(-1));
}
