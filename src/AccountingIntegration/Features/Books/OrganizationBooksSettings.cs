using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Books;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// An organization's book-keeping choices, kept in its settings under <c>books</c> (docs/books.md):
/// <code>
/// { "books": { "fallbackCustomer": "Online sales", "taxCodes": { "0.13": "HST ON" }, "exemptTaxCode": "Exempt",
///   "items": { "shipping": "Shipping", "fees": "Fees", "tips": "Tips", "giftCards": "Gift cards", "rounding": "Rounding",
///              "salesTax": "Sales tax", "default": "Sales" },
///   "roundingTolerance": 0.05 } }
/// </code>
/// Anything absent takes its default; the organization sets them with its own API key.
/// </summary>
internal static class OrganizationBooksSettings
{
    public const string Section = "books";

    /// <summary>The customer of a sale whose buyer is unknown, when the organization has not named one.</summary>
    public const string DefaultFallbackCustomer = "Online sales";

    public static BookingSettings Read(JsonObject organizationSettings)
    {
        var books = organizationSettings[Section] as JsonObject ?? [];
        var items = books["items"] as JsonObject ?? [];
        var defaults = new BookingSettings();
        return new BookingSettings
        {
            ShippingItem = Text(items, "shipping") ?? defaults.ShippingItem,
            FeesItem = Text(items, "fees") ?? defaults.FeesItem,
            TipsItem = Text(items, "tips") ?? defaults.TipsItem,
            GiftCardItem = Text(items, "giftCards") ?? defaults.GiftCardItem,
            CustomerBalanceItem = Text(items, "customerBalance") ?? defaults.CustomerBalanceItem,
            RoundingItem = Text(items, "rounding") ?? defaults.RoundingItem,
            SalesTaxItem = Text(items, "salesTax") ?? defaults.SalesTaxItem,
            MerchantOfRecordTaxItem = Text(items, "merchantOfRecordTax") ?? defaults.MerchantOfRecordTaxItem,
            DefaultItem = Text(items, "default") ?? defaults.DefaultItem,
            RoundingTolerance = Number(books, "roundingTolerance") ?? defaults.RoundingTolerance,
            TaxCodesByRate = (books["taxCodes"] as JsonObject ?? [])
                .Where(p => p.Value is JsonValue)
                .ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal),
            ExemptTaxCode = Text(books, "exemptTaxCode"),
            FallbackCustomer = Text(books, "fallbackCustomer") ?? DefaultFallbackCustomer,
        };
    }

    private static string? Text(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static decimal? Number(JsonObject json, string name) => json[name] switch
    {
        JsonValue value when value.TryGetValue<decimal>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
