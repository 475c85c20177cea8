using Inbox.Contracts.Channels;
using Inbox.Interactions.Interactions;
using Inbox.Interactions.Messages;
using Inbox.MediaServer.Plugins;
using Microsoft.Extensions.Logging.Abstractions;
using Domain = Inbox.Interactions.Channels;

namespace Inbox.MediaServer.Tests.Plugins;

/// <summary>A plugin's send as the inbox sees it: mapped to the contract, and an exception fails only that message.</summary>
public sealed class PluginChannelTests
{
    private static readonly DateTimeOffset s_now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SendAsync_PluginThrows_MessageFailedWithTheReason()
    {
        var channel = Channel(new ThrowingPlugin());

        var result = await channel.SendAsync(Outbound(), TestContext.Current.CancellationToken);

        Assert.Equal((false, false, "plugin_error"), (result.Accepted, result.Retryable, result.FailureCode));
        Assert.Contains("provider exploded", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_PluginThrowsANetworkFailure_RetryableWithTheReason()
    {
        var channel = Channel(new ThrowingPlugin(new HttpRequestException("Connection refused (127.0.0.1:9)")));

        var result = await channel.SendAsync(Outbound(), TestContext.Current.CancellationToken);

        Assert.Equal((false, true, "plugin_error"), (result.Accepted, result.Retryable, result.FailureCode));
        Assert.Contains("Connection refused", result.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_RetryableRefusal_KeptRetryable()
    {
        var plugin = new RecordingPlugin(SendResult.Failed("http_503", "try later", retryable: true));
        var channel = Channel(plugin);

        var result = await channel.SendAsync(Outbound() with { Thread = ["<m1@example.com>"] }, TestContext.Current.CancellationToken);

        Assert.Equal((false, true, "http_503"), (result.Accepted, result.Retryable, result.FailureCode));
        var sent = Assert.Single(plugin.Sent);
        Assert.Equal(("i1", "m1", "+5511999990001", "hello"), (sent.InteractionId, sent.MessageId, sent.CustomerAddress, sent.Text));
        Assert.Equal(["<m1@example.com>"], sent.Thread);
    }

    private static PluginChannel Channel(IChannelPlugin plugin) =>
        new("test", plugin, Domain.ChannelKind.Sms, Domain.ChannelCapabilities.DefaultFor(Domain.ChannelKind.Sms), NullLogger.Instance);

    private static Domain.OutboundMessage Outbound()
    {
        var interaction = new Interaction
        {
            Id = "i1",
            Channel = Domain.ChannelKind.Sms,
            CampaignId = "sales",
            Direction = InteractionDirection.Inbound,
            CustomerAddress = "+5511999990001",
            State = InteractionState.Active,
            CreatedAt = s_now,
        };
        var message = new Message
        {
            Id = "m1",
            InteractionId = "i1",
            Direction = MessageDirection.Outbound,
            Text = "hello",
            Status = MessageStatus.Sending,
            CreatedAt = s_now,
            UpdatedAt = s_now,
        };
        return new Domain.OutboundMessage(interaction, message, "hello", []);
    }

    private class RecordingPlugin(SendResult answer) : IChannelPlugin
    {
        public List<OutboundMessage> Sent { get; } = [];

        public IReadOnlyList<ChannelSetting> Settings { get; } = [];

        public ChannelCapabilities Capabilities { get; } = new(AttachmentKinds.None, false, false, null, 160, 0);

        public Task StartAsync(IChannelHost host, CancellationToken cancellationToken) => Task.CompletedTask;

        public virtual Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.FromResult(answer);
        }

        public Task<ChannelHealth> CheckHealthAsync(CancellationToken cancellationToken) => Task.FromResult(ChannelHealth.Healthy);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class ThrowingPlugin(Exception? exception = null) : RecordingPlugin(SendResult.Sent("never"))
    {
        public override Task<SendResult> SendAsync(OutboundMessage message, CancellationToken cancellationToken) =>
            throw exception ?? new InvalidOperationException("provider exploded");
    }
}
