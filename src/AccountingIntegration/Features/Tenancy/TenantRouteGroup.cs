namespace AccountingIntegration.Features.Tenancy;

/// <summary>
/// <c>/api/v1/org/{slug}</c>: the group every organization-scoped route is mapped onto by the feature
/// it belongs to. Each request acts for the organization the slug and the credential agree on
/// (<see cref="TenantAccessExtensions.RequireTenantAccess{TBuilder}"/>, which also documents the refusals).
/// </summary>
internal sealed record TenantRouteGroup(RouteGroupBuilder Routes)
{
    public const string Prefix = "/api/v1/org/{slug}";

    public static TenantRouteGroup Map(IEndpointRouteBuilder endpoints) =>
        new(endpoints.MapGroup(Prefix)
            .RequireTenantAccess()
            .WithTags("Organization"));
}
