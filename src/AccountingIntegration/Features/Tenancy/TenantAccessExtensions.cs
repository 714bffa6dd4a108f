using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.OpenApi;

namespace AccountingIntegration.Features.Tenancy;

internal static class TenantAccessExtensions
{
    /// <summary>
    /// Acts for the organization of the route's <c>{slug}</c> (<see cref="TenantAccessFilter"/>), and says so
    /// in the API document: the organization's API key or an operator token, refused with 401 without a
    /// usable credential and with 404 for an unknown organization or another organization's key
    /// (and with 403 for a source-bound key where <see cref="SourceBoundKeyProblems"/> says so).
    /// </summary>
    public static TBuilder RequireTenantAccess<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, TenantAccessFilter>()
            .WithMetadata(new TenantRouteMetadata())
            .AcceptsCredentials(ApiCredentials.ApiKey | ApiCredentials.OperatorToken)
            .ProducesProblemCodes(StatusCodes.Status401Unauthorized, TenantErrors.ApiKeyRequired, TenantErrors.InvalidApiKey)
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode);
}
