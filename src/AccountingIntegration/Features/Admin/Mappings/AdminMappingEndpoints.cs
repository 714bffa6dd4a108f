using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Admin.Mappings;

/// <summary>
/// The operators' side of mapping (SPEC §5, §7): global templates, an organization's overrides, its
/// sources' own mappings, and the preview. Reads need a viewer; every write needs an admin, is
/// audited under the category <c>mapping</c>, and drops the cached merges it affects.
/// </summary>
internal static class AdminMappingEndpoints
{
    public const string AuditCategory = "mapping";

    public static RouteGroupBuilder MapAdminMappingEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/admin").RequireAuthorization(SecurityExtensions.ViewerPolicy);
        admin.MapTemplateEndpoints();
        admin.MapOverrideEndpoints();
        admin.MapSourceMappingEndpoints();
        admin.MapPreviewEndpoint();
        return admin;
    }
}
