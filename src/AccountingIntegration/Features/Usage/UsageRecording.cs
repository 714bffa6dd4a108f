using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace AccountingIntegration.Features.Usage;

/// <summary>
/// The usage record of one metered request in progress, kept on the request by <see cref="ApiUsageMiddleware"/>.
/// An endpoint that stores its own rows in a group commit (the webhook ingest) takes its usage entry from here,
/// writes it in the same transaction and calls <see cref="MarkRecorded"/>, so the middleware queues no second one.
/// </summary>
internal sealed class UsageRecording(string logId, DateTime receivedAt)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public bool Recorded { get; private set; }

    public static UsageRecording? Of(HttpContext http) => http.Features.Get<UsageRecording>();

    /// <summary>Time since the request reached the usage middleware, so far.</summary>
    public int ElapsedMilliseconds => (int)Math.Min(int.MaxValue, Stopwatch.GetElapsedTime(_started).TotalMilliseconds);

    public void MarkRecorded() => Recorded = true;

    /// <summary>
    /// The request's entry with the given status; null for a path without a route template (recording those
    /// would make a row per probed URL). The endpoint is the template, never the concrete path.
    /// </summary>
    public ApiUsageEntry? Entry(HttpContext http, int statusCode, string? organizationId, string? apiKeyId)
    {
        // The exception handler clears the endpoint before answering; its feature keeps the one that failed.
        var endpoint = (http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint) as RouteEndpoint;
        if (endpoint?.RoutePattern.RawText is not { } template)
        {
            return null;
        }

        return new ApiUsageEntry
        {
            LogId = logId,
            Timestamp = receivedAt,
            OrganizationId = organizationId,
            ApiKeyId = apiKeyId,
            Endpoint = Normalize(template),
            Method = http.Request.Method,
            StatusCode = statusCode,
            DurationMs = ElapsedMilliseconds,
        };
    }

    // "/api/v1/webhook/{slug}/sources/" (a group's "" route) and "api/x" report as "/api/v1/webhook/{slug}/sources" and "/api/x".
    private static string Normalize(string template) => "/" + template.Trim('/');
}
