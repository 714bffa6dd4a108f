using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.PayPal;

/// <summary>
/// PayPal's <c>exchange_rate</c> object (<c>source_currency</c>, <c>target_currency</c>, <c>value</c>: "The exchange rate
/// that determines the amount that is credited to the payee's PayPal account", or for a refund the amount debited from it,
/// https://developer.paypal.com/docs/api/payments/v2/#captures_get) read as a conversion out of the payment's own currency.
/// A capture states it out of the captured currency. A refund's <c>net_amount_breakdown</c> is not explicit about its
/// direction, so a rate stated the other way round (out of the seller's currency into the refund's) is inverted rather than
/// dropped: either way it is the rate the money was converted at.
/// </summary>
internal static class PayPalExchangeRate
{
    /// <summary>Decimal places kept of an inverted rate: below a cent's difference on any amount up to a million.</summary>
    private const int InvertedPlaces = 10;

    public static Conversion? Of(JsonElement? rate, string currency)
    {
        if (rate is not { } stated || stated.Text("source_currency") is not { } source || stated.Text("target_currency") is not { } target
            || stated.Decimal("value") is not { } value || value <= 0m)
        {
            return null;
        }

        if (source.Equals(currency, StringComparison.OrdinalIgnoreCase))
        {
            return Conversion.Of(currency, target, value);
        }

        return target.Equals(currency, StringComparison.OrdinalIgnoreCase)
            ? Conversion.Of(currency, source, Math.Round(1m / value, InvertedPlaces, MidpointRounding.AwayFromZero))
            : null;
    }
}
