using System.Collections;
using AccountingIntegration.Infrastructure.Security;
using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace AccountingIntegration.Tests.Security;

/// <summary>
/// Scopes are redacted when a line that carries them is written, not when they are opened: the written line holds no
/// secret from a scope, and a scope under which nothing is written is never turned into text.
/// </summary>
public sealed class LogScopeRedactionTests
{
    private static readonly string ConnectToken = SecretTokens.New(SecretTokens.ConnectTokenPrefix);
    private static readonly string ApiKey = SecretTokens.New(SecretTokens.ApiKeyPrefix);

    [Fact]
    public void Scope_HoldingSecrets_IsRedactedInTheWrittenLineAsBefore()
    {
        var capture = new LogCapture();
        using var factory = Redacting(capture, LogLevel.Information);
        var logger = factory.CreateLogger("scopes");
        var structured = new Dictionary<string, object?> { ["RequestPath"] = "/api/public/connect-tokens/" + ConnectToken, ["Attempt"] = 3 };
        var text = $"calling with Authorization: Bearer {ApiKey}";

        using (logger.BeginScope(structured))
        using (logger.BeginScope(text))
        {
            logger.LogInformation("written");
        }

        var line = Assert.Single(capture.Lines);
        Assert.DoesNotContain(ConnectToken, line);
        Assert.DoesNotContain(ApiKey, line);
        Assert.Contains("RequestPath=/api/public/connect-tokens/" + LogRedaction.Mask, line);
        Assert.Contains("Attempt=3", line);
        // The same text the eager redaction gave when the scope was opened.
        Assert.Contains("scope " + RedactedLogState.From(structured, structured.ToString()!), line);
        Assert.Contains("scope " + RedactedLogState.From(text, text), line);
    }

    [Fact]
    public void Scope_NothingWrittenAtTheLevelInForce_IsNeverFormattedOrEnumerated()
    {
        var (capture, structured, text) = WriteUnderCountingScopes(LogLevel.Warning, logger =>
        {
            logger.LogInformation("below the level in force");
            logger.LogDebug("below it too");
        });

        Assert.Empty(capture.Lines);
        Assert.Equal(0, structured.Reads);
        Assert.Equal(0, text.Reads);
    }

    [Fact]
    public void Scope_LineWritten_IsReadOnceForEachLine()
    {
        var (capture, structured, text) = WriteUnderCountingScopes(LogLevel.Warning, logger =>
        {
            logger.LogWarning("first");
            logger.LogWarning("second");
        });

        Assert.Equal(2, capture.Lines.Count);
        Assert.All(capture.Lines, line => Assert.Contains("scope counted | Name=value | scope counted text", line));
        // Redacted once on the first line's read, kept for the second.
        Assert.Equal(2, structured.Reads);
        Assert.Equal(1, text.Reads);
    }

    /// <summary>Runs <paramref name="write"/> under a counting structured scope and a counting text scope.</summary>
    private static (LogCapture Capture, CountingState Structured, CountingText Text) WriteUnderCountingScopes(LogLevel minimum, Action<ILogger> write)
    {
        var capture = new LogCapture();
        using var factory = Redacting(capture, minimum);
        var logger = factory.CreateLogger("scopes");
        var structured = new CountingState();
        var text = new CountingText();
        using (logger.BeginScope(structured))
        using (logger.BeginScope(text))
        {
            write(logger);
        }

        return (capture, structured, text);
    }

    private static RedactingLoggerFactory Redacting(LogCapture capture, LogLevel minimum) =>
        new(LoggerFactory.Create(logging => logging.AddProvider(capture).SetMinimumLevel(minimum)));

    /// <summary>A structured scope that counts how often its text or its values are read.</summary>
    private sealed class CountingState : IReadOnlyList<KeyValuePair<string, object?>>
    {
        private readonly KeyValuePair<string, object?>[] _values = [new("Name", "value")];

        public int Reads { get; private set; }

        public int Count => _values.Length;

        public KeyValuePair<string, object?> this[int index] => _values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            Reads++;
            return ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString()
        {
            Reads++;
            return "counted";
        }
    }

    /// <summary>A scope written as text that counts how often it is turned into text.</summary>
    private sealed class CountingText
    {
        public int Reads { get; private set; }

        public override string ToString()
        {
            Reads++;
            return "counted text";
        }
    }
}
