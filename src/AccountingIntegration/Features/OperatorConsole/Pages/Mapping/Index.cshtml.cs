using AccountingIntegration.Features.Mapping;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Mapping;

/// <summary>
/// <c>/console/mapping</c>: the global templates, and the organizations with their sources, each a link to
/// that source's mapping editor. Read from the same stores the JSON API lists.
/// </summary>
public sealed class IndexModel : ConsolePageModel
{
    /// <summary>Organizations listed per page.</summary>
    public const int PageSize = 25;

    /// <summary>The organization search (name or slug).</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    internal IReadOnlyList<MappingTemplate> Templates { get; private set; } = [];

    internal IReadOnlyList<(Organization Organization, IReadOnlyList<WebhookSource> Sources)> Organizations { get; private set; } = [];

    /// <summary>How many organizations match the search.</summary>
    public long OrganizationCount { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var mappings = Get<MappingStore>();
        Templates = (await mappings.ListTemplatesAsync(null, false, new PageRequest(1, PageRequest.MaxPageSize), cancellationToken)).Items;
        var search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
        var page = await Get<OrganizationStore>().ListAsync(new PageRequest(1, PageSize), search, null, cancellationToken);
        OrganizationCount = page.Total;
        var webhooks = Get<WebhookStore>();
        var list = new List<(Organization, IReadOnlyList<WebhookSource>)>();
        foreach (var organization in page.Items)
        {
            list.Add((organization, await webhooks.ListSourcesAsync(organization.OrganizationId, cancellationToken)));
        }

        Organizations = list;
    }
}
