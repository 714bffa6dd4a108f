using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;

namespace QboSandbox.State;

/// <summary>Sandbox companies by realm id. Realm ids are deterministic: 9341450000000001, …0002, ….</summary>
internal sealed class CompanyRegistry(TimeProvider time)
{
    public const long FirstRealmId = 9_341_450_000_000_001;

    private readonly ConcurrentDictionary<string, Company> _companies = new(StringComparer.Ordinal);
    private long _nextRealm = FirstRealmId;

    public IReadOnlyList<Company> All => [.. _companies.Values.OrderBy(c => c.RealmId, StringComparer.Ordinal)];

    public Company? Find(string realmId) => _companies.GetValueOrDefault(realmId);

    public Company Create(string? companyName, string? realmId = null)
    {
        realmId ??= (Interlocked.Increment(ref _nextRealm) - 1).ToString(CultureInfo.InvariantCulture);
        var name = string.IsNullOrWhiteSpace(companyName) ? $"Sandbox Company {realmId[^4..]}" : companyName.Trim();
        var company = new Company(realmId, name, CompanyInfo(realmId, name, time.GetUtcNow()));
        return _companies.TryAdd(realmId, company)
            ? company
            : throw new InvalidOperationException($"Realm {realmId} already exists.");
    }

    public bool Remove(string realmId) => _companies.TryRemove(realmId, out _);

    public void Clear()
    {
        _companies.Clear();
        Interlocked.Exchange(ref _nextRealm, FirstRealmId);
    }

    private static JsonObject CompanyInfo(string realmId, string name, DateTimeOffset now)
    {
        var row = new JsonObject
        {
            ["Id"] = "1",
            ["SyncToken"] = "0",
            ["domain"] = "QBO",
            ["sparse"] = false,
            ["MetaData"] = new JsonObject
            {
                ["CreateTime"] = PacificTime.FormatMeta(now),
                ["LastUpdatedTime"] = PacificTime.FormatMeta(now),
            },
            ["CompanyName"] = name,
            ["LegalName"] = name,
            ["CompanyAddr"] = new JsonObject
            {
                ["Id"] = "1",
                ["Line1"] = "123 Sierra Way",
                ["City"] = "San Pablo",
                ["Country"] = "USA",
                ["CountrySubDivisionCode"] = "CA",
                ["PostalCode"] = "87999",
            },
            ["Country"] = "US",
            ["Email"] = new JsonObject { ["Address"] = "noreply@sandbox.invalid" },
            ["FiscalYearStartMonth"] = "January",
            ["SupportedLanguages"] = "en",
            ["CompanyStartDate"] = PacificTime.FormatDate(DateOnly.FromDateTime(PacificTime.ToPacific(now).DateTime)),
            ["NameValue"] = new JsonArray(
                new JsonObject { ["Name"] = "OfferingSku", ["Value"] = "QuickBooks Online Plus" },
                new JsonObject { ["Name"] = "NeoEnabled", ["Value"] = "true" }),
        };
        return row;
    }
}
