using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Proxy;

/// <summary>
/// Read-only access to the organization's own QBO data: customers, items and any allow-listed
/// entity type, paged, and allow-listed reports. The company is always the one the caller's organization connected.
/// </summary>
internal static class ProxyEndpoints
{
    public const string TypeNotAllowed = "PROXY_TYPE_NOT_ALLOWED";
    public const string EntityNotFound = "QBO_ENTITY_NOT_FOUND";

    public static void MapProxy(this TenantRouteGroup tenant)
    {
        var org = tenant.Routes;
        org.MapGet("/qbo/customers", (TenantContext t, QboProxy proxy, int? page, int? pageSize, CancellationToken cancellationToken) =>
            ListAsync("Customer", t, proxy, page, pageSize, cancellationToken)).WithName("ListQboCustomers")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed).CallsQbo();
        org.MapGet("/qbo/items", (TenantContext t, QboProxy proxy, int? page, int? pageSize, CancellationToken cancellationToken) =>
            ListAsync("Item", t, proxy, page, pageSize, cancellationToken)).WithName("ListQboItems")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed).CallsQbo();
        org.MapGet("/proxy/types", () => TypedResults.Ok(ApiResponse.Of(ProxyEntityTypes.All))).WithName("ListProxyTypes").RequirePlanFeature(PlanFeature.ProxyAccess);
        org.MapGet("/proxy/data", (TenantContext t, QboProxy proxy, string? type, int? page, int? pageSize, CancellationToken cancellationToken) =>
            ListAsync(Allowed(type), t, proxy, page, pageSize, cancellationToken)).WithName("ListProxyData").RequirePlanFeature(PlanFeature.ProxyAccess)
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, TypeNotAllowed).CallsQbo();
        org.MapGet("/proxy/data/{type}/{id}", ReadAsync).WithName("ReadProxyData").RequirePlanFeature(PlanFeature.ProxyAccess)
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, TypeNotAllowed)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, EntityNotFound).CallsQbo();
        org.MapGet("/proxy/reports/{name}", ReportAsync).WithName("ReadProxyReport").RequirePlanFeature(PlanFeature.ProxyAccess)
            .WithDescription("QuickBooks' own report of the connected company (Intuit's Reports API), under data: one of "
                + string.Join(", ", ProxyReports.All) + ". The query parameters of Intuit's report references (start_date, end_date, "
                + "date_macro, accounting_method, columns, customer, account, source_account_type, report_date, …) are passed on.")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, ProxyReports.ReportNotAllowed).CallsQbo();
    }

    /// <summary>A QBO report of the organization's company (its books as QuickBooks reads them), with the parameters given.</summary>
    internal static async Task<Ok<ApiResponse<JsonObject>>> ReportAsync(string name, HttpRequest request, TenantContext tenant, QboProxy proxy, CancellationToken cancellationToken)
    {
        var report = ProxyReports.Allowed(name);
        var parameters = ProxyReports.Query(request.Query);
        return TypedResults.Ok(ApiResponse.Of(await proxy.ReportAsync(tenant.OrganizationId, report, parameters, cancellationToken)));
    }

    internal static async Task<Ok<PagedResponse<JsonObject>>> ListAsync(
        string entity, TenantContext tenant, QboProxy proxy, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = ProxyPaging.From(page, pageSize);
        var (rows, total) = await proxy.ListAsync(tenant.OrganizationId, entity, paging, cancellationToken);
        return TypedResults.Ok(new PagedResponse<JsonObject>(rows, new Pagination(paging.Page, paging.PageSize, total)));
    }

    internal static async Task<Ok<ApiResponse<JsonObject>>> ReadAsync(string type, string id, TenantContext tenant, QboProxy proxy, CancellationToken cancellationToken)
    {
        var entity = Allowed(type);
        // QBO ids are numeric strings; anything else cannot exist and must not reach the URL.
        if (id.Length is 0 or > 20 || !id.All(char.IsAsciiDigit))
        {
            throw ApiException.Validation(new Dictionary<string, string[]> { ["id"] = ["must be a QBO id (digits only)"] });
        }

        var found = await proxy.ReadAsync(tenant.OrganizationId, entity, id, cancellationToken);
        return found is null
            ? throw ApiException.NotFound(EntityNotFound, $"{entity} {id} does not exist in the connected company.")
            : TypedResults.Ok(ApiResponse.Of(found));
    }

    /// <summary>The organization's company is read with its stored tokens: it may not be connected, and QBO may refuse or fail.</summary>
    private static RouteHandlerBuilder CallsQbo(this RouteHandlerBuilder builder) => builder
        .ProducesProblemCodes(StatusCodes.Status409Conflict, QboNotConnectedException.ErrorCode)
        .ProducesProblemCodes(StatusCodes.Status502BadGateway, ErrorCodes.QboError);

    private static string Allowed(string? type) =>
        ProxyEntityTypes.Find(type) ?? throw new ApiException(StatusCodes.Status400BadRequest, TypeNotAllowed,
            $"'{type}' is not an entity type the proxy serves; GET proxy/types lists them.",
            new Dictionary<string, string[]> { ["type"] = ["must be one of " + string.Join(", ", ProxyEntityTypes.All)] });
}
