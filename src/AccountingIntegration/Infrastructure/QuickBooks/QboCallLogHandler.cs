using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// One information line per QBO call as the caller sees it (retries included): method, operation, status, duration and
/// Intuit's transaction id, which Intuit support asks for. The HTTP client factory's own four lines per request are
/// filtered to warnings by the host. The query string is left out: it holds request ids and query statements, not
/// something an operator reads in a log line.
/// </summary>
internal sealed partial class QboCallLogHandler(ILogger<QboCallLogHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var operation = Operation(request.RequestUri);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            LogCall(logger, request.Method.Method, operation, (int)response.StatusCode, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                QboFaultReader.TidOf(response));
            return response;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogUnanswered(logger, request.Method.Method, operation, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, e.GetType().Name);
            throw;
        }
    }

    /// <summary>"invoice", "query", "companyinfo" …: the path after the realm, without ids beyond the entity's.</summary>
    private static string Operation(Uri? uri)
    {
        var match = AfterRealm().Match(uri?.AbsolutePath ?? string.Empty);
        return match.Success ? match.Groups[1].Value : uri?.AbsolutePath ?? string.Empty;
    }

    [GeneratedRegex("/v3/company/[^/]+/([^/?]+)", RegexOptions.CultureInvariant)]
    private static partial Regex AfterRealm();

    [LoggerMessage(Level = LogLevel.Information, Message = "QBO {Method} {Operation} answered {Status} in {ElapsedMs} ms (intuit_tid {IntuitTid})")]
    private static partial void LogCall(ILogger logger, string method, string operation, int status, long elapsedMs, string? intuitTid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QBO {Method} {Operation} got no answer after {ElapsedMs} ms ({Failure})")]
    private static partial void LogUnanswered(ILogger logger, string method, string operation, long elapsedMs, string failure);
}
