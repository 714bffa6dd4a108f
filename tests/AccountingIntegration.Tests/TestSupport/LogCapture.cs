using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// A logger provider that keeps everything written to it at every level: each message, property,
/// scope and exception as text, as a log shipper would see it. Add it with <see cref="Install"/>.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Registers the capture under the service's own level and category filters, to see what its console would print.</summary>
    public void InstallFiltered(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(this);

    /// <summary>Registers the capture at Trace for every category, whatever the service's own filters say.</summary>
    public void Install(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(this);
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(typeof(LogCapture).FullName, null, LogLevel.Trace, null)));
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var parts = new List<string> { $"{logLevel} {category}: {formatter(state, exception)}" };
            if (state is IEnumerable<KeyValuePair<string, object?>> properties)
            {
                parts.AddRange(properties.Select(p => $"{p.Key}={p.Value}"));
            }

            capture._scopes?.ForEachScope((scope, list) =>
            {
                list.Add("scope " + scope);
                if (scope is IEnumerable<KeyValuePair<string, object?>> values)
                {
                    list.AddRange(values.Select(p => $"{p.Key}={p.Value}"));
                }
            }, parts);
            if (exception is not null)
            {
                parts.Add(exception.ToString());
            }

            capture._lines.Enqueue(string.Join(" | ", parts));
        }
    }
}
