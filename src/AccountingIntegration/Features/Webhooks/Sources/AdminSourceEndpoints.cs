using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Mapping.Admin;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Hosting;
using AccountingIntegration.Infrastructure.OpenApi;
using AccountingIntegration.Infrastructure.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AccountingIntegration.Features.Webhooks.Sources;

/// <summary>
/// <c>GET /api/admin/organizations/{id}/sources</c>: an organization's webhook sources as operators
/// see them (never a signing secret), each with its own active mapping, if any.
/// </summary>
internal static class AdminSourceEndpoints
{
    public static RouteGroupBuilder MapAdminSourceEndpoints(this AdminRouteGroup admin)
    {
        var group = admin.MapGroup("/organizations/{id}/sources", "Admin Source Mappings");
        group.MapGet("", ListAsync).WithName("ListOrganizationSources")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, OrganizationErrors.NotFoundCode);
        return group;
    }

    internal static async Task<Ok<ApiResponse<IReadOnlyList<OrganizationSourceView>>>> ListAsync(
        string id, OrganizationStore organizations, WebhookStore webhooks, MappingStore mappings, CancellationToken cancellationToken)
    {
        await OrganizationEndpoints.FindAsync(organizations, id, cancellationToken);
        var views = new List<OrganizationSourceView>();
        // One query per source: an organization has a handful of senders, not hundreds.
        foreach (var source in await webhooks.ListSourcesAsync(id, cancellationToken))
        {
            views.Add(OrganizationSourceView.From(source, await mappings.GetSourceMappingAsync(id, source.SourceId, cancellationToken)));
        }

        return TypedResults.Ok(ApiResponse.Of<IReadOnlyList<OrganizationSourceView>>(views));
    }

    /// <summary>A source as operators see it (never its signing secret), with its own active mapping, if any.</summary>
    internal sealed record OrganizationSourceView(
        string SourceId, string Name, string SourceType, string SignatureScheme, bool HasSigningSecret, string? EventIdPath, string? EventTypePath,
        bool IsDefault, bool IsActive, DateTime CreatedAt, SourceMappingView? Mapping)
    {
        public static OrganizationSourceView From(WebhookSource s, SourceMapping? mapping) => new(
            s.SourceId, s.Name, s.SourceType, s.SignatureScheme, s.SigningSecret is not null, s.EventIdPath, s.EventTypePath, s.IsDefault, s.IsActive, s.CreatedAt,
            mapping is null ? null : SourceMappingView.From(mapping));
    }
}
