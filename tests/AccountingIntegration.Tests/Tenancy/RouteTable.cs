using System.Text.RegularExpressions;
using AccountingIntegration.Features.Tenancy;
using Microsoft.AspNetCore.Routing;

namespace AccountingIntegration.Tests.Tenancy;

/// <summary>Who may call a route, as the isolation matrix probes it.</summary>
internal enum RouteAccess
{
    /// <summary>No credential by design (health, public lookups, documents, login, OAuth links and callbacks, Intuit's signed webhooks).</summary>
    Public,

    /// <summary>Operator token only; an API key is no credential here.</summary>
    Operator,

    /// <summary>Operator token only, and a viewer may make this write (their own session, or a write that stores nothing).</summary>
    OperatorViewerMayWrite,

    /// <summary>A <c>{slug}</c> route for the organization's key or an operator; closed to source-bound keys.</summary>
    Tenant,

    /// <summary>A <c>{slug}</c> route a source-bound key may also call, seeing only its own source.</summary>
    TenantSourceScoped,

    /// <summary>A console page: the operator's session cookie only; anything else is sent to the login page.</summary>
    ConsolePage,

    /// <summary>Webhook ingest: the organization's key (a bound key only to its source) or the source's signature.</summary>
    Ingest,
}

/// <summary>A route as the running service maps it: one method of one pattern.</summary>
internal sealed record MappedRoute(string Method, string Pattern, RouteEndpoint Endpoint)
{
    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// Every route of the service, classified by hand. The matrix fails on a mapped route missing here, so
/// a new route is only merged with a decision about who may call it (and is then probed accordingly).
/// </summary>
internal static partial class RouteTable
{
    public static readonly IReadOnlyDictionary<string, RouteAccess> Classified = new Dictionary<string, RouteAccess>(StringComparer.Ordinal)
    {
        ["GET /health"] = RouteAccess.Public,
        // The console (Features/OperatorConsole): its assets, login and expired-form pages are open; every other page needs the session.
        ["GET /console/assets/{file}"] = RouteAccess.Public,
        ["HEAD /console/assets/{file}"] = RouteAccess.Public,
        ["* /console/Login"] = RouteAccess.Public,
        ["* /console/Expired"] = RouteAccess.Public,
        ["* /console/Setup"] = RouteAccess.Public,
        ["* /console"] = RouteAccess.ConsolePage,
        ["* /console/Index"] = RouteAccess.ConsolePage,
        ["* /console/Logout"] = RouteAccess.ConsolePage,
        ["* /console/Forbidden"] = RouteAccess.ConsolePage,
        ["* /console/organizations/{organizationId}/sources/{sourceId}/send"] = RouteAccess.ConsolePage,
        ["* /console/organizations/{organizationId}/books"] = RouteAccess.ConsolePage,
        ["* /console/organizations/{organizationId}/{report}"] = RouteAccess.ConsolePage,
        ["* /console/organizations/{organizationId}/alerts"] = RouteAccess.ConsolePage,
        // Organizations (console pages) and the client's connect, reconnect and result pages (Pages/Client, no session).
        ["* /console/organizations"] = RouteAccess.ConsolePage,
        ["* /console/organizations/{id}"] = RouteAccess.ConsolePage,
        ["* /connect/{token}"] = RouteAccess.Public,
        ["* /reconnect/{token}"] = RouteAccess.Public,
        ["* /connected"] = RouteAccess.Public,
        // mapping (console-mapping): the mapping pages and the editor's check/preview handler.
        ["* /console/Mapping"] = RouteAccess.ConsolePage,
        ["* /console/Mapping/Index"] = RouteAccess.ConsolePage,
        ["* /console/mapping/check"] = RouteAccess.ConsolePage,
        ["* /console/mapping/templates/{templateId}"] = RouteAccess.ConsolePage,
        ["* /console/mapping/{organizationId}/{sourceId}"] = RouteAccess.ConsolePage,
        ["* /console/mapping/{organizationId}/overrides/{overrideId}"] = RouteAccess.ConsolePage,
        // payloads (Features/OperatorConsole/Pages/Payloads): the list and one payload's page.
        ["* /console/Payloads"] = RouteAccess.ConsolePage,
        ["* /console/Payloads/Index"] = RouteAccess.ConsolePage,
        ["* /console/payloads/{organizationId}/{payloadId}"] = RouteAccess.ConsolePage,
        // Console overview area: the audit log (with its CSV export handler) and the alerts.
        ["* /console/Audit"] = RouteAccess.ConsolePage,
        ["* /console/Alerts"] = RouteAccess.ConsolePage,
        // Console area "sources": an organization's webhook sources.
        ["* /console/organizations/{organizationId}/sources"] = RouteAccess.ConsolePage,
        ["* /console/organizations/{organizationId}/sources/{sourceId}"] = RouteAccess.ConsolePage,
        ["GET /api/health"] = RouteAccess.Public,
        ["GET /health/live"] = RouteAccess.Public,
        ["GET /health/ready"] = RouteAccess.Public,
        // Open unless METRICS_TOKEN is set; no series names an organization.
        ["GET /metrics"] = RouteAccess.Public,
        ["GET /openapi/{documentName}.json"] = RouteAccess.Public,
        ["GET /docs/{documentName}"] = RouteAccess.Public,
        ["GET /docs/scalar.js"] = RouteAccess.Public,
        ["GET /docs/scalar.aspnetcore.js"] = RouteAccess.Public,
        ["GET /docs/favicon.svg"] = RouteAccess.Public,
        ["GET /api/public/org/{slug}"] = RouteAccess.Public,
        ["GET /api/public/connect-tokens/{token}"] = RouteAccess.Public,
        ["GET /api/v1/connect/token/{token}"] = RouteAccess.Public,
        ["GET /api/v1/oauth/callback"] = RouteAccess.Public,
        ["POST /api/v1/intuit/webhooks"] = RouteAccess.Public,
        ["POST /api/admin/auth/login"] = RouteAccess.Public,

        ["POST /api/admin/auth/logout"] = RouteAccess.OperatorViewerMayWrite,
        ["POST /api/admin/auth/change-password"] = RouteAccess.OperatorViewerMayWrite,
        ["POST /api/admin/mappings/preview"] = RouteAccess.OperatorViewerMayWrite,

        ["GET /api/admin/organizations"] = RouteAccess.Operator,
        ["POST /api/admin/organizations"] = RouteAccess.Operator,
        ["GET /api/admin/organizations/{id}"] = RouteAccess.Operator,
        ["PUT /api/admin/organizations/{id}"] = RouteAccess.Operator,
        ["DELETE /api/admin/organizations/{id}"] = RouteAccess.Operator,
        ["GET /api/admin/organizations/{id}/api-keys"] = RouteAccess.Operator,
        ["POST /api/admin/organizations/{id}/api-keys"] = RouteAccess.Operator,
        ["POST /api/admin/organizations/{id}/api-keys/{keyId}/revoke"] = RouteAccess.Operator,
        ["GET /api/admin/organizations/{id}/connect-tokens"] = RouteAccess.Operator,
        ["POST /api/admin/organizations/{id}/connect-tokens"] = RouteAccess.Operator,
        ["POST /api/admin/organizations/{id}/connect-tokens/{tokenId}/revoke"] = RouteAccess.Operator,
        ["GET /api/admin/organizations/{id}/overrides"] = RouteAccess.Operator,
        ["GET /api/admin/organizations/{id}/overrides/{overrideId}"] = RouteAccess.Operator,
        ["POST /api/admin/organizations/{id}/overrides"] = RouteAccess.Operator,
        ["PUT /api/admin/organizations/{id}/overrides"] = RouteAccess.Operator,
        ["PUT /api/admin/organizations/{id}/overrides/{overrideId}"] = RouteAccess.Operator,
        ["DELETE /api/admin/organizations/{id}/overrides/{overrideId}"] = RouteAccess.Operator,
        ["GET /api/admin/organizations/{id}/sources"] = RouteAccess.Operator,
        ["GET /api/admin/organizations/{id}/alert-destination"] = RouteAccess.Operator,
        ["PUT /api/admin/organizations/{id}/alert-destination"] = RouteAccess.Operator,
        ["DELETE /api/admin/organizations/{id}/alert-destination"] = RouteAccess.Operator,
        ["GET /api/admin/organizations/{id}/alert-email"] = RouteAccess.Operator,
        ["PUT /api/admin/organizations/{id}/alert-email"] = RouteAccess.Operator,
        ["DELETE /api/admin/organizations/{id}/alert-email"] = RouteAccess.Operator,
        ["GET /api/admin/alerts"] = RouteAccess.Operator,
        ["GET /api/admin/organizations/{id}/sources/{sourceId}/mapping"] = RouteAccess.Operator,
        ["PUT /api/admin/organizations/{id}/sources/{sourceId}/mapping"] = RouteAccess.Operator,
        ["DELETE /api/admin/organizations/{id}/sources/{sourceId}/mapping"] = RouteAccess.Operator,
        ["GET /api/admin/templates"] = RouteAccess.Operator,
        ["POST /api/admin/templates"] = RouteAccess.Operator,
        ["GET /api/admin/templates/{id}"] = RouteAccess.Operator,
        ["PUT /api/admin/templates/{id}"] = RouteAccess.Operator,
        ["DELETE /api/admin/templates/{id}"] = RouteAccess.Operator,
        ["GET /api/admin/system/stats"] = RouteAccess.Operator,
        ["GET /api/admin/audit-logs"] = RouteAccess.Operator,
        ["GET /api/admin/audit-logs/export"] = RouteAccess.Operator,
        ["GET /api/admin/sync-logs"] = RouteAccess.Operator,
        ["GET /api/admin/sync-logs/export"] = RouteAccess.Operator,
        ["GET /api/admin/usage"] = RouteAccess.Operator,
        ["GET /api/admin/usage/export"] = RouteAccess.Operator,
        ["GET /api/admin/payloads"] = RouteAccess.Operator,
        ["GET /api/admin/payloads/export"] = RouteAccess.Operator,
        ["POST /api/admin/payloads/replay"] = RouteAccess.Operator,
        ["GET /api/admin/plan-tiers"] = RouteAccess.Operator,

        ["GET /api/v1/org/{slug}/payloads"] = RouteAccess.TenantSourceScoped,
        ["GET /api/v1/org/{slug}/alerts"] = RouteAccess.Tenant,
        ["GET /api/v1/org/{slug}/payloads/{payloadId}"] = RouteAccess.TenantSourceScoped,
        ["POST /api/v1/org/{slug}/payloads/{payloadId}/replay"] = RouteAccess.Tenant,
        ["GET /api/v1/org/{slug}/status"] = RouteAccess.Tenant,
        ["GET /api/v1/org/{slug}/health"] = RouteAccess.Tenant,
        ["POST /api/v1/org/{slug}/disconnect"] = RouteAccess.Tenant,
        ["GET /api/v1/org/{slug}/qbo/customers"] = RouteAccess.Tenant,
        ["GET /api/v1/org/{slug}/qbo/items"] = RouteAccess.Tenant,
        ["GET /api/v1/org/{slug}/proxy/types"] = RouteAccess.Tenant,
        ["GET /api/v1/org/{slug}/proxy/data"] = RouteAccess.Tenant,
        ["GET /api/v1/org/{slug}/proxy/data/{type}/{id}"] = RouteAccess.Tenant,
        ["GET /api/v1/org/{slug}/proxy/reports/{name}"] = RouteAccess.Tenant,
        ["GET /api/v1/org/{slug}/books/settings"] = RouteAccess.Tenant,
        ["PUT /api/v1/org/{slug}/books/settings"] = RouteAccess.Tenant,
        ["GET /api/v1/webhook/{slug}/sources"] = RouteAccess.Tenant,
        ["POST /api/v1/webhook/{slug}/sources"] = RouteAccess.Tenant,
        ["PATCH /api/v1/webhook/{slug}/sources/{sourceId}"] = RouteAccess.Tenant,
        ["POST /api/v1/webhook/{slug}/sources/{sourceId}/rotate-secret"] = RouteAccess.Tenant,
        ["GET /api/v1/connect/{slug}"] = RouteAccess.Tenant,

        ["POST /api/v1/webhook/{slug}"] = RouteAccess.Ingest,
        ["POST /api/v1/webhook/{slug}/{sourceId}"] = RouteAccess.Ingest,
    };

    /// <summary>Every method of every route the running service maps, patterns written as in OpenAPI (no constraints, no trailing slash).</summary>
    public static IReadOnlyList<MappedRoute> Mapped(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => new MappedRoute(m, Normalize(e.RoutePattern.RawText ?? string.Empty), e)))
            .DistinctBy(r => r.ToString())];

    /// <summary>What the service itself says about a tenant route, which must agree with the table.</summary>
    public static RouteAccess? DeclaredTenantAccess(MappedRoute route) =>
        route.Endpoint.Metadata.GetMetadata<TenantRouteMetadata>() is null ? null
        : SourceBoundKeys.AreAllowed(route.Endpoint.Metadata) ? RouteAccess.TenantSourceScoped
        : RouteAccess.Tenant;

    private static string Normalize(string template) =>
        "/" + RouteParameter().Replace(template.Trim('/'), m => "{" + m.Groups["name"].Value + "}");

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z0-9_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
