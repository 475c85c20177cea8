using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Inbox.MediaServer.Tests;

/// <summary>
/// Sends the host's log to the running test's output, so a failure shows what the server said, and keeps the entries
/// for tests that check what an operator is told.
/// </summary>
internal sealed class TestOutputLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new TestOutputLogger(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class TestOutputLogger(string category, ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            entries.Enqueue((eventId, logLevel, message));
            try
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {logLevel} {category}: {message}{(exception is null ? string.Empty : Environment.NewLine + exception)}");
            }
            catch (InvalidOperationException)
            {
                // The test has finished; a late log line from the host has nowhere to go.
            }
        }
    }
}
