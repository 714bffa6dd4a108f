using System.Diagnostics;
using System.Globalization;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// Counts and times every request that reaches QBO, each retry on its own: that is what Intuit throttles and meters,
/// and a 429 a retry then hid is still a 429 an operator wants to see. Innermost of the QBO handlers, so the latency is
/// QBO's, without the wait for a realm permit.
/// </summary>
internal sealed class QboMetricsHandler(ServiceMetrics metrics, QboReadTally reads) : DelegatingHandler
{
    private const int MaxFaultLength = 32;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var (realmId, operation) = QboPath.Parse(request.RequestUri);
        if (realmId is not null && IsRead(request.Method, operation))
        {
            reads.Count(realmId);
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.QboCall(operation ?? "other", request.Method.Method, ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
                await FaultOfAsync(response, cancellationToken), elapsed);
            return response;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.QboCall(operation ?? "other", request.Method.Method, "none", string.Empty, Stopwatch.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>Intuit meters GETs and queries (a query may be POSTed) as reads; creates, updates and deletes are writes.</summary>
    private static bool IsRead(HttpMethod method, string? operation) => method == HttpMethod.Get || operation == "query";

    /// <summary>
    /// QBO's fault code of a failed answer. The body is buffered first, so the client still reads it whole afterwards.
    /// Anything not shaped like a code becomes "other": a label must not carry free text.
    /// </summary>
    private static async Task<string> FaultOfAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return string.Empty;
        }

        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var code = (await QboFaultReader.ReadAsync(response, cancellationToken)).Code;
        return code switch
        {
            null or "" => string.Empty,
            { Length: <= MaxFaultLength } when code.All(char.IsAsciiLetterOrDigit) => code,
            _ => "other",
        };
    }
}
