using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tiers;
using AccountingIntegration.Infrastructure.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Organizations;

/// <summary>
/// <c>/console/organizations</c>: the organizations, searched by name or slug and filtered by state, a page at a
/// time; and the form that creates one. Both run the JSON API's handlers (list, create).
/// </summary>
public sealed class IndexModel : ConsolePageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "search")]
    public string? Search { get; set; }

    /// <summary>"active", "inactive" or empty for all.</summary>
    [BindProperty(SupportsGet = true, Name = "state")]
    public string? State { get; set; }

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
        "/console/organizations?" + string.Join('&', new[] { ("search", Search), ("state", State), ("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
            .Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    private async Task LoadAsync()
    {
        bool? isActive = State switch { "active" => true, "inactive" => false, _ => null };
        var search = string.IsNullOrWhiteSpace(Search) ? null : Search.Trim();
        var result = await OrganizationEndpoints.ListAsync(Get<OrganizationStore>(), search, isActive, PageNumber, PageSize, HttpContext.RequestAborted);
        Organizations = result.Value;
    }
}
