using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Square;

/// <summary>
/// The parts every Square event shares. Square's Money is an integer in the currency's smallest unit with its
/// ISO code (<c>{"amount": 100, "currency": "USD"}</c> is 1.00 USD); processing fees may be negative (returned).
/// </summary>
internal static class SquareEvents
{
    public const string Vendor = "square";

    public static AdapterResult NoMoney(string type, SourceObject subject, string reason) => AdapterResult.Of(new SourceEvent
    {
        Vendor = Vendor,
        EventType = type,
        Meaning = EventMeaning.NoMoney,
        IgnoredBecause = reason,
        Subject = subject,
    });

    /// <summary>A Money object in major units (cents divided by the currency's exponent); null when absent.</summary>
    public static decimal? Money(this JsonElement element, string path) =>
        element.Long($"{path}.amount") is { } amount && element.Text($"{path}.currency") is { } currency
            ? Books.Money.FromMinorUnits(amount, currency)
            : null;

    public static string? Currency(this JsonElement element, string path) => element.Text($"{path}.currency")?.ToUpperInvariant();
}
