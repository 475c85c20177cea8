using Inbox.Interactions.Directory;
using Inbox.MediaServer.Grpc;
using Inbox.MediaServer.Hosting;

if (args is ["hash-api-key", ..])
{
    // Prints the ApiKeyHash of a key given as an argument or on standard input, for Agents:N:ApiKeyHash.
    var key = args.Length > 1 ? args[1] : (await Console.In.ReadLineAsync())?.Trim();
    if (string.IsNullOrEmpty(key))
    {
        await Console.Error.WriteLineAsync("Usage: Inbox.MediaServer hash-api-key <key>   (or the key on standard input)");
        return 1;
    }

    Console.WriteLine(ApiKeyHash.Create(key));
    return 0;
}

// Read before the host runs (it disposes its services when it stops), to name the API port that is taken.
ApiOptions? api = null;
try
{
    await using var app = InboxApplication.Build(args);
    api = ApiSettings(app.Configuration);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupFailure.TryDescribe(e, api, out var exitCode, out var message))
{
    // Bad configuration or a taken port stops start-up with the key to fix, not a stack trace.
    await Console.Error.WriteLineAsync(message);
    return exitCode;
}

static ApiOptions? ApiSettings(IConfiguration configuration)
{
    try
    {
        return configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
    }
    catch (InvalidOperationException)
    {
        // A value that does not convert; start-up reports it.
        return null;
    }
}
