using System.Diagnostics;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Infrastructure.Batching;
using AccountingIntegration.Infrastructure.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace AccountingIntegration.Features.Usage;

/// <summary>
/// Records every <c>/api/v1</c> and <c>/api/admin</c> request for usage reports: organization, API
/// key id, route template (never the concrete path, and never the key), method, status and
/// duration. It sits outside the error handler, so the status is the one the caller received.
/// </summary>
internal sealed class ApiUsageMiddleware(RequestDelegate next, BatchWriter<ApiUsageEntry> writer, OrganizationDirectory organizations, TimeProvider time)
{
    private static readonly PathString[] MeteredPrefixes = ["/api/v1", "/api/admin"];

    public async Task InvokeAsync(HttpContext http)
    {
        if (!MeteredPrefixes.Any(p => http.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            await next(http);
            return;
        }

        var receivedAt = time.GetUtcNow().UtcDateTime;
        var started = Stopwatch.GetTimestamp();
        await next(http);
        var duration = Stopwatch.GetElapsedTime(started);

        // The exception handler clears the endpoint before answering; its feature keeps the one that failed.
        var endpoint = (http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint) as RouteEndpoint;
        if (endpoint?.RoutePattern.RawText is not { } template)
        {
            // Unmatched paths have no template; recording them would make a row per probed URL.
            return;
        }

        var tenant = TenantContext.Cached(http);
        var caller = ApiKeyCaller.Of(http);
        var organizationId = tenant?.OrganizationId ?? caller?.OrganizationId ?? await SignedSenderAsync(http);
        await writer.EnqueueAsync(new ApiUsageEntry
        {
            LogId = Ids.New(time),
            Timestamp = receivedAt,
            OrganizationId = organizationId,
            ApiKeyId = tenant?.ApiKeyId ?? caller?.KeyId,
            Endpoint = Normalize(template),
            Method = http.Request.Method,
            StatusCode = http.Response.StatusCode,
            DurationMs = (int)Math.Min(int.MaxValue, duration.TotalMilliseconds),
        });
    }

    // "/api/v1/webhook/{slug}/sources/" (a group's "" route) and "api/x" report as "/api/v1/webhook/{slug}/sources" and "/api/x".
    private static string Normalize(string template) => "/" + template.Trim('/');

    // A webhook accepted on its signature has no key and no tenant context; its slug names the organization.
    private async Task<string?> SignedSenderAsync(HttpContext http) =>
        http.Response.StatusCode < 400 && http.GetRouteValue("slug") is string slug
            ? (await organizations.GetBySlugAsync(slug, CancellationToken.None))?.OrganizationId
            : null;
}
