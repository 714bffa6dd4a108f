using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Features.Connections;
using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Infrastructure.QuickBooks.Metering;
using AccountingIntegration.Infrastructure.Telemetry;

namespace AccountingIntegration.Features.Alerts;

/// <summary>
/// Warns operators when the app's metered QBO reads this month pass <see cref="AlertOptions.ReadAlertPercent"/> of the
/// budget, and again when they reach it: Intuit meters reads ("CorePlus") per app and month and throttles every
/// company past the budget (REFERENCE §9). Each level alerts once a month, naming the companies that read most.
/// </summary>
internal sealed class ReadBudgetSweep(
    QboReadUsageStore usage, OAuthTokenStore connections, OrganizationDirectory organizations, AlertRaiser alerts, AlertOptions options, TimeProvider time)
{
    private const int TopCompanies = 5;

    /// <summary>Past any month's end, so a level's alert is not repeated within its month.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromDays(32);

    /// <summary>Raises what the month's reads call for; returns the month's reads, all companies together.</summary>
    public async Task<long> RunAsync(CancellationToken cancellationToken)
    {
        var month = QboReadTally.MonthOf(time.GetUtcNow());
        var realms = await usage.ListMonthAsync(month, cancellationToken);
        var total = realms.Sum(r => r.ReadCount);
        var reached = new[] { options.ReadAlertPercent, 100 }.Where(p => total * 100 >= options.ReadBudget * p).ToList();
        if (reached.Count > 0)
        {
            // Only the highest level reached: a first sweep past both levels sends one alert, not two.
            var percent = reached.Max();
            await alerts.RaiseAsync(new NewAlert(AlertKinds.ReadBudget, null, $"{AlertKinds.ReadBudget}:{month}:{percent}",
                percent >= 100
                    ? $"QBO read budget reached: {total:N0} of {options.ReadBudget:N0} metered reads in {month}; Intuit throttles reads past it"
                    : $"QBO reads at {Percent(total)} of the monthly budget: {total:N0} of {options.ReadBudget:N0} in {month}",
                new JsonObject
                {
                    ["month"] = month,
                    ["reads"] = total,
                    ["budget"] = options.ReadBudget,
                    ["level"] = percent,
                    ["topCompanies"] = await TopCompaniesAsync(realms, cancellationToken),
                }), cancellationToken, Window);
        }

        return total;
    }

    private string Percent(long reads) => (reads * 100 / options.ReadBudget).ToString(CultureInfo.InvariantCulture) + " %";

    private async Task<JsonArray> TopCompaniesAsync(IReadOnlyList<RealmReads> realms, CancellationToken cancellationToken)
    {
        var top = new JsonArray();
        foreach (var realm in realms.Take(TopCompanies))
        {
            var slugs = new JsonArray();
            foreach (var organizationId in await connections.ListOrganizationsForRealmAsync(realm.RealmId, cancellationToken))
            {
                slugs.Add((await organizations.GetByIdAsync(organizationId, cancellationToken))?.Slug ?? organizationId);
            }

            top.Add(new JsonObject { ["realmId"] = realm.RealmId, ["reads"] = realm.ReadCount, ["organizations"] = slugs });
        }

        return top;
    }
}
