using AccountingIntegration.Infrastructure.Errors;
using AccountingIntegration.Infrastructure.OpenApi;

namespace AccountingIntegration.Infrastructure.Security;

/// <summary>
/// <c>/api/admin</c>: the one group every operator route is mapped onto, by the feature it belongs
/// to. It requires an operator token with at least the viewer role and documents the refusals that
/// come with that; writes add <see cref="AdminRouteGroupExtensions.RequireAdmin{TBuilder}"/>.
/// </summary>
internal sealed record AdminRouteGroup(RouteGroupBuilder Routes)
{
    public const string Prefix = "/api/admin";

    public static AdminRouteGroup Map(IEndpointRouteBuilder endpoints) =>
        new(endpoints.MapGroup(Prefix)
            .RequireAuthorization(SecurityExtensions.ViewerPolicy)
            .ProducesProblemCodes(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized)
            .ProducesProblemCodes(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden));

    /// <summary>A sub-group of operator routes under <paramref name="prefix"/>, with an OpenAPI tag.</summary>
    public RouteGroupBuilder MapGroup(string prefix, string tag) => Routes.MapGroup(prefix).WithTags(tag);
}

internal static class AdminRouteGroupExtensions
{
    public static AdminRouteGroup MapAdminRoutes(this IEndpointRouteBuilder endpoints) => AdminRouteGroup.Map(endpoints);

    /// <summary>A change: only the admin role may make it; viewers read.</summary>
    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(SecurityExtensions.AdminPolicy);
}
