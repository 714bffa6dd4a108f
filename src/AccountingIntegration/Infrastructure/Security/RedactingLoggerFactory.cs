namespace AccountingIntegration.Infrastructure.Security;

/// <summary>
/// Wraps the logger factory so that every logger, ours and the framework's alike, hands providers
/// redacted messages, properties, scopes and exceptions (SPEC §8: never log a token or key).
/// Filtering by category and provider is unchanged: it happens in the inner factory.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        // Scopes matter as much as messages: ASP.NET's request scope carries the request path into every line. Every
        // request opens a few, and at the levels in force most are never written: they are redacted when a provider reads them.
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(RedactedScope.For(state));

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var redacted = RedactedLogState.From((object?)state ?? string.Empty, formatter(state, exception));
            var safeException = exception is null ? null : RedactedException.From(exception);
            if (redacted is RedactedLogState structured)
            {
                inner.Log(logLevel, eventId, structured, safeException, RedactedLogState.Format);
            }
            else
            {
                inner.Log(logLevel, eventId, redacted, safeException, static (s, _) => s.ToString() ?? string.Empty);
            }
        }
    }
}
