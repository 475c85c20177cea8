using Inbox.Interactions.Directory;
using Inbox.MediaServer.Grpc;
using Inbox.MediaServer.Hosting;
using Microsoft.Extensions.Options;

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

WebApplication? app = null;
try
{
    app = InboxApplication.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (StartupFailure.TryDescribe(e, ApiSettings(app), out var exitCode, out var message))
{
    // Bad configuration or a taken port stops start-up with the key to fix, not a stack trace.
    await Console.Error.WriteLineAsync(message);
    return exitCode;
}
finally
{
    if (app is not null)
    {
        await app.DisposeAsync();
    }
}

static ApiOptions? ApiSettings(WebApplication? app)
{
    try
    {
        return app?.Services.GetService<IOptions<ApiOptions>>()?.Value;
    }
    catch (OptionsValidationException)
    {
        return null;
    }
}
