using AccountingIntegration.Features.Organizations;

namespace AccountingIntegration.Features.Webhooks.Sources;

/// <summary>The webhook feature's answer to <see cref="IOrganizationSources"/>: its sources, as other features see them.</summary>
internal sealed class SourceDirectory(WebhookStore webhooks) : IOrganizationSources
{
    public async Task<OrganizationSource?> FindAsync(string organizationId, string sourceId, CancellationToken cancellationToken) =>
        (await webhooks.GetSourceAsync(organizationId, sourceId, cancellationToken))?.AsOrganizationSource();
}
