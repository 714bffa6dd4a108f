namespace AccountingIntegration.Features.Organizations;

/// <summary>
/// An organization's webhook sources as other features need to see them: which exist, of which type,
/// and whether they are active. The webhook feature owns the sources and provides this view, so that
/// features below it (API keys bound to a source, per-source mappings) can check a source without
/// depending on the webhook feature.
/// </summary>
internal interface IOrganizationSources
{
    /// <summary>The organization's source with this id, or null when it has none (another tenant's counts as none).</summary>
    Task<OrganizationSource?> FindAsync(string organizationId, string sourceId, CancellationToken cancellationToken);
}

/// <summary>
/// One webhook source of an organization: enough to validate a reference, pick its templates and, for a generic source,
/// read which event a payload is (<see cref="EventTypePath"/>).
/// </summary>
internal sealed record OrganizationSource(string OrganizationId, string SourceId, string SourceType, bool IsActive, string? EventTypePath = null);
