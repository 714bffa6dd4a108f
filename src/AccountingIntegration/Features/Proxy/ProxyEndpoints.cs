using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Proxy;

/// <summary>
/// Read-only access to the organization's own QBO data: customers, items and any allow-listed
/// entity type, paged. The company is always the one the caller's organization connected.
/// </summary>
internal static class ProxyEndpoints
{
    public const string TypeNotAllowed = "PROXY_TYPE_NOT_ALLOWED";

    public static RouteGroupBuilder MapProxyEndpoints(this RouteGroupBuilder org)
    {
        org.MapGet("/qbo/customers", (TenantContext tenant, TokenManager tokens, QboClient qbo, int? page, int? pageSize, CancellationToken ct) =>
            ListAsync("Customer", tenant, tokens, qbo, page, pageSize, ct)).WithName("ListQboCustomers");
        org.MapGet("/qbo/items", (TenantContext tenant, TokenManager tokens, QboClient qbo, int? page, int? pageSize, CancellationToken ct) =>
            ListAsync("Item", tenant, tokens, qbo, page, pageSize, ct)).WithName("ListQboItems");
        org.MapGet("/proxy/types", () => TypedResults.Ok(ApiResponse.Of(ProxyEntityTypes.All))).WithName("ListProxyTypes").RequirePlanFeature(PlanFeature.ProxyAccess);
        org.MapGet("/proxy/data", (TenantContext tenant, TokenManager tokens, QboClient qbo, string? type, int? page, int? pageSize, CancellationToken ct) =>
            ListAsync(Allowed(type), tenant, tokens, qbo, page, pageSize, ct)).WithName("ListProxyData").RequirePlanFeature(PlanFeature.ProxyAccess);
        org.MapGet("/proxy/data/{type}/{id}", ReadAsync).WithName("ReadProxyData").RequirePlanFeature(PlanFeature.ProxyAccess);
        return org;
    }

    internal static async Task<Ok<PagedResponse<JsonObject>>> ListAsync(
        string entity, TenantContext tenant, TokenManager tokens, QboClient qbo, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = ProxyPaging.From(page, pageSize);
        var token = await tokens.GetValidTokenAsync(tenant.OrganizationId, cancellationToken);
        var credentials = new QboCredentials(token.RealmId, token.AccessToken);
        var rows = await qbo.QueryAsync(credentials, entity, QboQuery.Select(entity, null, paging.StartPosition, paging.PageSize), cancellationToken);
        var total = await qbo.CountAsync(credentials, entity, cancellationToken);
        return TypedResults.Ok(new PagedResponse<JsonObject>(rows.Items, new Pagination(paging.Page, paging.PageSize, total)));
    }

    internal static async Task<Ok<ApiResponse<JsonObject>>> ReadAsync(
        string type, string id, TenantContext tenant, TokenManager tokens, QboClient qbo, CancellationToken cancellationToken)
    {
        var entity = Allowed(type);
        // QBO ids are numeric strings; anything else cannot exist and must not reach the URL.
        if (id.Length is 0 or > 20 || !id.All(char.IsAsciiDigit))
        {
            throw ApiException.Validation(new Dictionary<string, string[]> { ["id"] = ["must be a QBO id (digits only)"] });
        }

        var token = await tokens.GetValidTokenAsync(tenant.OrganizationId, cancellationToken);
        var found = await qbo.ReadAsync(new QboCredentials(token.RealmId, token.AccessToken), entity, id, cancellationToken);
        return found is null
            ? throw ApiException.NotFound("QBO_ENTITY_NOT_FOUND", $"{entity} {id} does not exist in the connected company.")
            : TypedResults.Ok(ApiResponse.Of(found));
    }

    private static string Allowed(string? type) =>
        ProxyEntityTypes.Find(type) ?? throw new ApiException(StatusCodes.Status400BadRequest, TypeNotAllowed,
            $"'{type}' is not an entity type the proxy serves; GET proxy/types lists them.",
            new Dictionary<string, string[]> { ["type"] = ["must be one of " + string.Join(", ", ProxyEntityTypes.All)] });
}
