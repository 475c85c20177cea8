using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using Inbox.Contracts.Grpc.V1;
using Microsoft.Data.Sqlite;

namespace Inbox.EndToEndTests;

/// <summary>What the agent-phone tests do with a running server: sign in, wait for what the API shows, read the bindings.</summary>
internal static class ControlApi
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    public static string NewId() => Guid.NewGuid().ToString("N");

    public static async Task<Metadata> SignInAsync(GrpcChannel channel, string agentId, string apiKey)
    {
        var response = await new AgentsService.AgentsServiceClient(channel)
            .SignInAsync(new SignInRequest { RequestId = NewId(), AgentId = agentId, ApiKey = apiKey }, cancellationToken: TestContext.Current.CancellationToken);
        return new Metadata { { "authorization", "Bearer " + response.SessionToken } };
    }

    /// <summary>Opens the agent's event stream and waits until the server has subscribed it, so no later event is missed.</summary>
    public static async Task<AsyncServerStreamingCall<Event>> WatchEventsAsync(GrpcChannel channel, Metadata session)
    {
        var call = new EventsService.EventsServiceClient(channel).WatchEvents(new WatchEventsRequest(), session, cancellationToken: TestContext.Current.CancellationToken);
        await call.ResponseHeadersAsync;
        return call;
    }

    /// <summary>Polls until <paramref name="condition"/> holds; the timeout's message carries the server's output.</summary>
    public static async Task WaitForAsync(InboxServerProcess server, Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var limit = within ?? s_wait;
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"Not seen within {limit.TotalSeconds} s: {what}.{Environment.NewLine}{server.Output}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The first of the session's active interactions that <paramref name="condition"/> accepts, once there is one.</summary>
    public static async Task<Interaction> WaitForInteractionAsync(
        InboxServerProcess server, InteractionsService.InteractionsServiceClient client, Metadata session, Func<Interaction, bool> condition, TimeSpan? within = null)
    {
        Interaction? found = null;
        await WaitForAsync(
            server,
            async () =>
            {
                var response = await client.ListActiveAsync(new ListActiveRequest(), session, cancellationToken: TestContext.Current.CancellationToken);
                found = response.Interactions.FirstOrDefault(condition);
                return found is not null;
            },
            "the interaction",
            within);
        return found!;
    }

    /// <summary>The addresses of record the registrar has stored.</summary>
    public static async Task<List<string>> BindingsAsync(InboxServerProcess server)
    {
        if (!File.Exists(server.DatabasePath))
        {
            return [];
        }

        await using var connection = new SqliteConnection($"Data Source={server.DatabasePath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT aor FROM sip_bindings";
        await using var reader = await command.ExecuteReaderAsync();
        var addresses = new List<string>();
        while (await reader.ReadAsync())
        {
            addresses.Add(reader.GetString(0));
        }

        return addresses;
    }

    public static string Describe(InboxServerProcess server, Sipp.Result result) =>
        $"sipp exit {result.ExitCode}{Environment.NewLine}{result.Errors}{Environment.NewLine}{result.Messages}{Environment.NewLine}{server.Output}";
}
