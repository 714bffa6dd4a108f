using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Books;
using AccountingIntegration.Infrastructure.QuickBooks;
using Microsoft.Extensions.Caching.Memory;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// Reads how each connected company keeps its books (Preferences: sales tax, automated sales tax, home
/// currency, multicurrency; CompanyInfo: country and province; its tax codes and their rates) and keeps it per realm for
/// <see cref="FreshFor"/>. A document QBO refuses for a reason the regime explains drops it at once
/// (<see cref="Forget"/>), so a setting changed in QBO is seen on the retry; so does a plan refused under a regime read a
/// minute or more before (<see cref="RereadAfterRefusalAsync"/>).
/// </summary>
internal sealed class CompanyRegimes(QboClient qbo, IMemoryCache cache, TimeProvider time)
{
    public static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(15);

    /// <summary>How old a regime must be to be read again when a plan was refused under it (<see cref="RereadAfterRefusalAsync"/>).</summary>
    public static readonly TimeSpan RecheckAfterRefusal = TimeSpan.FromMinutes(1);

    /// <summary>The company's regime, read from QBO at most every <see cref="FreshFor"/>; remembered for the organization's previews.</summary>
    public async Task<CompanyRegime> GetAsync(string organizationId, QboCredentials credentials, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(credentials.RealmId), out Cached? cached) && cached is not null && time.GetUtcNow() - cached.ReadAt < FreshFor)
        {
            return cached.Regime;
        }

        var regime = await ReadAsync(credentials, cancellationToken);
        var entry = new Cached(regime, time.GetUtcNow(), credentials.RealmId);
        cache.Set(Key(credentials.RealmId), entry, FreshFor);
        cache.Set(OrganizationKey(organizationId), entry);
        return regime;
    }

    /// <summary>The regime last read for the organization's company and when, without asking QBO; null before any booking.</summary>
    public (CompanyRegime Regime, DateTimeOffset ReadAt)? LastKnown(string organizationId) =>
        cache.TryGetValue(OrganizationKey(organizationId), out Cached? cached) && cached is not null ? (cached.Regime, cached.ReadAt) : null;

    public void Forget(string realmId) => cache.Remove(Key(realmId));

    /// <summary>
    /// Drops the regime of the organization's company, so its next booking reads it again: a person replaying payloads has
    /// usually just changed a setting in QBO (turned multicurrency on, added a tax code) that the refusal asked for.
    /// </summary>
    public static void ForgetCompanyOf(IMemoryCache cache, string organizationId)
    {
        if (cache.TryGetValue(OrganizationKey(organizationId), out Cached? cached) && cached is not null)
        {
            cache.Remove(Key(cached.RealmId));
        }
    }

    /// <summary>
    /// The regime read again after a plan was refused under it (a currency the company does not take, a rate no code has),
    /// when it is at least <see cref="RecheckAfterRefusal"/> old: the operator may have changed the setting in QBO and
    /// replayed, and the replay must not be refused again for up to 15 minutes. Null when it is newer, so a run of refused
    /// payloads reads the company at most once a minute.
    /// </summary>
    public async Task<CompanyRegime?> RereadAfterRefusalAsync(string organizationId, QboCredentials credentials, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(Key(credentials.RealmId), out Cached? cached) && cached is not null && time.GetUtcNow() - cached.ReadAt < RecheckAfterRefusal)
        {
            return null;
        }

        Forget(credentials.RealmId);
        return await GetAsync(organizationId, credentials, cancellationToken);
    }

    private async Task<CompanyRegime> ReadAsync(QboCredentials credentials, CancellationToken cancellationToken)
    {
        var preferences = (await qbo.QueryAsync(credentials, "Preferences", "SELECT * FROM Preferences", cancellationToken)).Items.FirstOrDefault() ?? [];
        var info = await qbo.GetCompanyInfoAsync(credentials, cancellationToken);
        var taxPrefs = preferences["TaxPrefs"] as JsonObject ?? [];
        var currencyPrefs = preferences["CurrencyPrefs"] as JsonObject ?? [];
        var salesTax = Flag(taxPrefs, "UsingSalesTax");
        return new CompanyRegime
        {
            Country = Country(info),
            HomeRegion = ((string?)info["CompanyAddr"]?["CountrySubDivisionCode"])?.Trim() is { Length: > 0 } region ? region.ToUpperInvariant() : null,
            HomeCurrency = (string?)currencyPrefs["HomeCurrency"]?["value"] ?? "USD",
            MultiCurrency = Flag(currencyPrefs, "MultiCurrencyEnabled"),
            SalesTax = salesTax,
            AutomatedSalesTax = Flag(taxPrefs, "PartnerTaxEnabled"),
            DefaultTaxCodeId = (string?)taxPrefs["TaxGroupCodeRef"]?["value"],
            TaxCodes = salesTax ? await TaxCodesAsync(credentials, cancellationToken) : [],
        };
    }

    /// <summary>
    /// Each sales tax code with each of its sales rates (TaxCode.SalesTaxRateList → TaxRate.RateValue, in percent), kept
    /// apart because QBO rounds the tax of each rate on each line before adding them.
    /// </summary>
    private async Task<IReadOnlyList<TaxCodeInfo>> TaxCodesAsync(QboCredentials credentials, CancellationToken cancellationToken)
    {
        var rates = (await qbo.QueryAsync(credentials, "TaxRate", QboQuery.Select("TaxRate", null, 1, 1000), cancellationToken)).Items
            .Where(rate => (string?)rate["Id"] is not null)
            .ToDictionary(rate => (string)rate["Id"]!, rate => Decimal(rate["RateValue"]) ?? 0m, StringComparer.Ordinal);
        var codes = (await qbo.QueryAsync(credentials, "TaxCode", QboQuery.Select("TaxCode", "Active = true", 1, 1000), cancellationToken)).Items;
        return [.. codes.Select(code => new TaxCodeInfo(
            (string?)code["Id"] ?? string.Empty,
            (string?)code["Name"] ?? string.Empty,
            (code["SalesTaxRateList"]?["TaxRateDetail"] as JsonArray ?? [])
                .Select(detail => (string?)detail?["TaxRateRef"]?["value"])
                .Select(id => id is not null && rates.TryGetValue(id, out var rate) ? rate : 0m)
                .Where(rate => rate != 0m)
                .ToList(),
            (string?)code["Description"]))];
    }

    /// <summary>QBO writes the country as a name or a code on CompanyInfo (Country, CompanyAddr.Country); US when it says nothing.</summary>
    private static string Country(JsonObject info)
    {
        var text = ((string?)info["Country"] ?? (string?)info["CompanyAddr"]?["Country"] ?? "US").Trim().ToUpperInvariant();
        return text switch
        {
            "USA" or "UNITED STATES" => "US",
            "CAN" or "CANADA" => "CA",
            "GBR" or "UK" or "UNITED KINGDOM" => "GB",
            "AUS" or "AUSTRALIA" => "AU",
            _ => text,
        };
    }

    private static bool Flag(JsonObject prefs, string name) => prefs[name] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    private static decimal? Decimal(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<decimal>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static string Key(string realmId) => "company-regime:" + realmId;

    private static string OrganizationKey(string organizationId) => "company-regime-of:" + organizationId;

    private sealed record Cached(CompanyRegime Regime, DateTimeOffset ReadAt, string RealmId);
}
