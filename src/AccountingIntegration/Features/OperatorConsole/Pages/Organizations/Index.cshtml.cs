using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Infrastructure.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Organizations;

/// <summary>
/// <c>/console/organizations</c>: the organizations, searched by name or slug and filtered by state, a page at a
/// time, by name or newest first; and the form that creates one. The list is the API's store listing with the API's
/// paging rules, the creation the API's handler.
/// </summary>
public sealed class IndexModel : ConsolePageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "search")]
    public string? Search { get; set; }

    /// <summary>"active", "inactive" or empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

    /// <summary>"newest" for newest first; anything else lists by name.</summary>
    [BindProperty(SupportsGet = true, Name = "order")]
    public string? Order { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int? PageNumber { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Slug { get; set; }

    [BindProperty]
    public string? PlanTier { get; set; }

    internal PagedResponse<OrganizationView>? Organizations { get; private set; }

    internal IReadOnlyList<PlanTierLimits> Tiers => Get<PlanTierOptions>().Tiers;

    public Task<IActionResult> OnGetAsync() => ChangeAsync(async () =>
    {
        await LoadAsync();
        return Page();
    });

    public Task<IActionResult> OnPostAsync() => ChangeAsync(async () =>
    {
        var created = await OrganizationEndpoints.CreateAsync(
            new CreateOrganizationRequest(Name, Slug?.Trim(), string.IsNullOrEmpty(PlanTier) ? null : PlanTier, null), HttpContext,
            Get<OrganizationStore>(), Get<AuditTrail>(), HttpContext.RequestAborted);
        return Redirect($"/console/organizations/{Uri.EscapeDataString(created.Value!.Data.OrganizationId)}?done=created");
    });

    protected override async Task<IActionResult> OnRefusedAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (Infrastructure.Errors.ApiException)
        {
            // The list's own refusal (a bad page number) is already the one shown.
        }

        return Page();
    }

    /// <summary>The address of this list with one query value changed.</summary>
    public string PageLink(int page) =>
        "/console/organizations?" + string.Join('&', new[] { ("search", Search), ("state", State), ("order", Newest ? "newest" : null), ("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
            .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    /// <summary>True when the list is newest first rather than by name.</summary>
    public bool Newest => Order == "newest";

    private async Task LoadAsync()
    {
        bool? isActive = State switch { "active" => true, "inactive" => false, _ => null };
        var search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
        // The API's list is oldest first; people look a client up by name, so the console asks the store for its order.
        var page = ListQuery.Page(PageNumber, PageSize);
        var result = await Get<OrganizationStore>().ListAsync(
            page, search, isActive, Newest ? OrganizationOrder.Newest : OrganizationOrder.Name, HttpContext.RequestAborted);
        Organizations = result.ToResponse(OrganizationView.From);
    }
}
