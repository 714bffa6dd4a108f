using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Infrastructure.Batching;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Features.Usage;

/// <summary>
/// Records every <c>/api/v1</c> and <c>/api/admin</c> request for usage reports: organization, API
/// key id, route template (never the concrete path, and never the key), method, status and
/// duration. It sits outside the error handler, so the status is the one the caller received. An endpoint
/// may store its row itself, in its own transaction (<see cref="UsageRecording"/>); then nothing is queued here.
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

        var recording = new UsageRecording(Ids.New(time), time.GetUtcNow().UtcDateTime);
        http.Features.Set(recording);
        await next(http);
        if (recording.Recorded)
        {
            return;
        }

        var tenant = TenantContext.Cached(http);
        var caller = ApiKeyCaller.Of(http);
        var statusCode = http.Response.StatusCode;
        if (recording.Entry(http, statusCode, null, tenant?.ApiKeyId ?? caller?.KeyId) is not { } entry)
        {
            return;
        }

        var organizationId = tenant?.OrganizationId ?? caller?.OrganizationId ?? await SignedSenderAsync(http);
        await writer.EnqueueAsync(entry with { OrganizationId = organizationId });
    }

    // A webhook accepted on its signature has no key and no tenant context; its slug names the organization.
    private async Task<string?> SignedSenderAsync(HttpContext http) =>
        http.Response.StatusCode < 400 && http.GetRouteValue("slug") is string slug
            ? (await organizations.GetBySlugAsync(slug, CancellationToken.None))?.OrganizationId
            : null;
}
