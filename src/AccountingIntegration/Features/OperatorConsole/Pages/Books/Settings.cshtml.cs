using System.Globalization;
using AccountingIntegration.Features.Books;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Tenancy;
using AccountingIntegration.Infrastructure.Errors;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Books;

/// <summary>
/// The organization's book-keeping settings, read and saved through the API's own handlers
/// (<see cref="BooksSettingsEndpoints"/>), acting for the organization as an operator. This is where a
/// "missing tax mapping" failure is fixed.
/// </summary>
public sealed class SettingsModel : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string OrganizationId { get; set; } = string.Empty;

    [BindProperty]
    public string? TaxCodes { get; set; }

    [BindProperty]
    public string? ExemptTaxCode { get; set; }

    [BindProperty]
    public string? FallbackCustomer { get; set; }

    [BindProperty]
    public Dictionary<string, string?> Items { get; set; } = [];

    [BindProperty]
    public string? RoundingTolerance { get; set; }

    public string OrganizationName { get; private set; } = string.Empty;

    public IReadOnlyList<string> ItemKeys => BooksSettingsRules.ItemKeys;

    public static string ItemLabel(string key) => key switch
    {
        "shipping" => "Shipping item",
        "fees" => "Fees item",
        "tips" => "Tips item",
        "giftCards" => "Gift cards item",
        "customerBalance" => "Customer balance item (credit held for a customer)",
        "rounding" => "Rounding item",
        "salesTax" => "Sales tax item",
        "merchantOfRecordTax" => "Merchant of record tax item (tax and duties Paddle or Shopify Managed Markets collect and remit)",
        "default" => "Default item (lines without a product)",
        _ => key,
    };

    public string? ErrorsFor(string field) =>
        Problem?.Errors is { } errors
            ? string.Join(" ", errors.Where(e => e.Key == field || e.Key.StartsWith(field + ".", StringComparison.Ordinal)).SelectMany(e => e.Value))
            : null;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await TenantAsync() is not { } tenant)
        {
            return NotFound();
        }

        Show(BooksSettingsEndpoints.Get(tenant).Value!.Data!);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await TenantAsync() is not { } tenant)
        {
            return NotFound();
        }

        return await ChangeAsync(async () =>
        {
            var request = new BooksSettingsRequest(
                Blank(FallbackCustomer),
                ParseTaxCodes(TaxCodes),
                Blank(ExemptTaxCode),
                Items.Where(i => !string.IsNullOrWhiteSpace(i.Value)).ToDictionary(i => i.Key, i => i.Value!.Trim()),
                ParseTolerance(RoundingTolerance));
            var saved = await BooksSettingsEndpoints.PutAsync(request, tenant, HttpContext, Get<OrganizationStore>(), Get<OrganizationDirectory>(), Get<Audit.AuditTrail>(),
                HttpContext.RequestAborted);
            Show(saved.Value!.Data!);
            Notice = "Settings saved. Replay the payloads that failed for a missing mapping to book them now.";
            return Page();
        });
    }

    private async Task<TenantContext?> TenantAsync()
    {
        var organization = await Get<OrganizationStore>().GetByIdAsync(OrganizationId, HttpContext.RequestAborted);
        if (organization is null)
        {
            return null;
        }

        OrganizationName = organization.Name;
        return new TenantContext(organization, TenantCaller.Admin, User.FindFirst("sub")!.Value, null, null);
    }

    private void Show(BooksSettingsView view)
    {
        TaxCodes = string.Join('\n', view.TaxCodes.Select(t => $"{t.Key} = {t.Value}"));
        ExemptTaxCode = view.ExemptTaxCode;
        FallbackCustomer = view.FallbackCustomer;
        Items = view.Items.ToDictionary(i => i.Key, i => (string?)i.Value);
        RoundingTolerance = view.RoundingTolerance.ToString(CultureInfo.InvariantCulture);
    }

    // "13% = HST ON" per line, as the form shows them; a line without "=" is refused naming it.
    private static Dictionary<string, string>? ParseTaxCodes(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var line in lines)
        {
            var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw ApiException.Validation(new Dictionary<string, string[]> { ["taxCodes"] = [$"'{line}' must read rate = tax code, e.g. 13% = HST ON"] });
            }

            codes[parts[0]] = parts[1];
        }

        return codes;
    }

    private static decimal? ParseTolerance(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null
        : decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value
        : throw ApiException.Validation(new Dictionary<string, string[]> { ["roundingTolerance"] = ["must be an amount such as 0.05"] });
}
