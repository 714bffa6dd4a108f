using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections.Tokens;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Proxy;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages.Books;

/// <summary>
/// The organization's trial balance as QuickBooks reports it (its TrialBalance report, read through the proxy), for the
/// period asked or this fiscal year to date: what the sync has written, account by account, without signing in to the
/// client's company. Read-only, so viewers see it too.
/// </summary>
public sealed class TrialBalanceModel : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string OrganizationId { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? Start { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? End { get; set; }

    public string OrganizationName { get; private set; } = string.Empty;

    /// <summary>The period the report covers, as QuickBooks states it.</summary>
    public string? Period { get; private set; }

    public IReadOnlyList<TrialBalanceRow> Rows { get; private set; } = [];

    public TrialBalanceRow? Total { get; private set; }

    /// <summary>Why there is no report: not connected, a bad date, or QuickBooks' own refusal.</summary>
    public string? Unavailable { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var organization = await Get<OrganizationStore>().GetByIdAsync(OrganizationId, HttpContext.RequestAborted);
        if (organization is null)
        {
            return NotFound();
        }

        OrganizationName = organization.Name;
        if (Parameters() is not { } parameters)
        {
            Unavailable = "Give both dates as yyyy-mm-dd, the start on or before the end.";
            return Page();
        }

        try
        {
            Read(await Get<QboProxy>().ReportAsync(OrganizationId, "TrialBalance", parameters, HttpContext.RequestAborted));
        }
        catch (QboNotConnectedException)
        {
            Unavailable = "The organization has no working QuickBooks connection: send it a connect link from its page.";
        }
        catch (QboApiException e)
        {
            Unavailable = $"QuickBooks did not answer with the report: {e.QboMessage}";
        }

        return Page();
    }

    /// <summary>Both dates, or neither (this fiscal year to date); null when they are not a period.</summary>
    private List<KeyValuePair<string, string>>? Parameters()
    {
        if (Blank(Start) is null && Blank(End) is null)
        {
            return [new("date_macro", "This Fiscal Year-to-date")];
        }

        return ProxyReports.Date(Start?.Trim()) is { } start && ProxyReports.Date(End?.Trim()) is { } end && start <= end
            ? [new("start_date", Format(start)), new("end_date", Format(end))]
            : null;
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The report's account rows (name, debit, credit) and its TOTAL, as Intuit's TrialBalance lays them out.</summary>
    private void Read(JsonObject report)
    {
        var header = report["Header"] as JsonObject;
        Start = (string?)header?["StartPeriod"];
        End = (string?)header?["EndPeriod"];
        Period = $"{Start} to {End}";
        var rows = new List<TrialBalanceRow>();
        foreach (var row in (report["Rows"]?["Row"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (row["ColData"] is JsonArray cells)
            {
                rows.Add(Cells(cells));
            }
            else if ((string?)row["group"] == "GrandTotal" && row["Summary"]?["ColData"] is JsonArray total)
            {
                Total = Cells(total);
            }
        }

        Rows = rows;
    }

    private static TrialBalanceRow Cells(JsonArray cells) =>
        new(Value(cells, 0), Value(cells, 1), Value(cells, 2));

    private static string Value(JsonArray cells, int index) => index < cells.Count ? (string?)cells[index]?["value"] ?? "" : "";
}

/// <summary>One line of the trial balance: the account (or TOTAL) and its debit and credit, as QuickBooks wrote them.</summary>
public sealed record TrialBalanceRow(string Account, string Debit, string Credit);
