using AccountingIntegration.Features.Mapping.Admin;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Mapping;

/// <summary>
/// The operators' side of mapping (SPEC §5, §7): global templates, an organization's overrides, its
/// sources' own mappings, and the preview. Reads need a viewer; every write needs an admin, is
/// audited under the category <c>mapping</c>, and drops the cached merges it affects.
/// </summary>
internal static class MappingEndpoints
{
    public const string AuditCategory = "mapping";

    public static void MapMapping(this AdminRouteGroup admin)
    {
        admin.MapTemplateEndpoints();
        admin.MapOverrideEndpoints();
        admin.MapSourceMappingEndpoints();
        admin.MapPreviewEndpoint();
    }
}
