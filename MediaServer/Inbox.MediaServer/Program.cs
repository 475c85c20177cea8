using System.Net.Sockets;
using Inbox.MediaServer.Hosting;
using Microsoft.Extensions.Options;

try
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
    {
        Args = args,
        ContentRootPath = AppContext.BaseDirectory,
    });
    builder.Configuration.AddInboxConfiguration(args);

    // A failed start is reported below, once and readably; the host's own error entry would repeat it as a stack trace.
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    builder.Services.AddSystemd();
    builder.Services.AddInboxServer(builder.Configuration);
    using var host = builder.Build();
    await host.RunAsync();
    return 0;
}
catch (OptionsValidationException e)
{
    // Bad configuration stops start-up with the key to fix, not a stack trace.
    await Console.Error.WriteLineAsync(ConfigurationErrors.Describe(e));
    return 2;
}
catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
{
    await Console.Error.WriteLineAsync($"Cannot listen: {e.Message}. Another process holds the port set in Sip:Transport:Port.");
    return 3;
}
catch (InvalidOperationException e) when (ConfigurationErrors.IsBindingError(e))
{
    await Console.Error.WriteLineAsync($"Configuration error: {e.Message}");
    return 2;
}
