using AccountingIntegration.Features.Alerts;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace AccountingIntegration.Features.OperatorConsole.Pages;

/// <summary>
/// Alerts sent and each destination's delivery, newest first, with the API's filters (<see cref="AlertEndpoints.ListAllAsync"/>):
/// what happened, who it went to, whether it arrived, and a link to the organization or payload concerned.
/// </summary>
public sealed class AlertsModel : ConsolePageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? OrganizationId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    /// <summary>The page number (not "page": Razor Pages reserves that route value).</summary>
    [BindProperty(Name = "p", SupportsGet = true)]
    public int? PageNumber { get; set; }

    internal PagedResponse<AlertView>? Alerts { get; private set; }

    internal OrganizationChoices Organizations { get; private set; } = new([], 0, null, null);

    public static IReadOnlyList<string> Kinds => AlertKinds.All;

    public static IReadOnlyList<string> States => AlertStates.All;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Organizations = await OrganizationChoices.LoadAsync(Get<OrganizationStore>(), OrganizationId, cancellationToken);
        return await ChangeAsync(async () =>
        {
            Alerts = (await AlertEndpoints.ListAllAsync(Get<AlertStore>(), Organizations.FilterId, Blank(Kind), Blank(State), PageNumber, PageSize, cancellationToken)).Value;
            return Page();
        });
    }

    /// <summary>The filters as a query string for another page of the list.</summary>
    public string Query(int page) =>
        Microsoft.AspNetCore.Http.QueryString.Create(new List<KeyValuePair<string, string?>>
        {
            new("organizationId", Blank(OrganizationId)), new("kind", Blank(Kind)), new("state", Blank(State)),
            new("p", page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        }.Where(p => p.Value is not null)).Value!;

    /// <summary>What an alert kind means, in words.</summary>
    public static string KindText(string kind) => kind switch
    {
        AlertKinds.PayloadDead => "Payloads ran out of attempts",
        AlertKinds.PayloadFailed => "Payloads fail until the organization's settings change",
        AlertKinds.ReconnectNeeded => "QuickBooks connection lost: reconnect",
        AlertKinds.RefreshExpiring => "QuickBooks connection expires soon",
        AlertKinds.ReadBudget => "QuickBooks monthly read budget nearly used",
        _ => kind,
    };

    /// <summary>A delivery's state in words.</summary>
    public static string StateText(string state) => state switch
    {
        AlertStates.Sent => "delivered",
        AlertStates.Pending => "waiting to be sent",
        AlertStates.Failed => "failed: gave up",
        _ => state,
    };

    /// <summary>Who a delivery went to, in words.</summary>
    public static string DestinationText(string destination) => destination switch
    {
        AlertDestinations.Operator => "the operators' URL",
        AlertDestinations.Email => "the operators by e-mail",
        AlertDestinations.Organization => "the organization's URL",
        AlertDestinations.OrganizationEmail => "the organization by e-mail",
        _ => destination,
    };

    public static string StateClass(string state) => state switch
    {
        AlertStates.Sent => "ok",
        AlertStates.Failed => "bad",
        _ => "warn",
    };

    /// <summary>The payload an alert names, when it names one.</summary>
    internal static string? PayloadId(AlertView alert) => alert.Details?["firstPayloadId"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
        ? alert.Details["firstPayloadId"]!.GetValue<string>()
        : null;
}
