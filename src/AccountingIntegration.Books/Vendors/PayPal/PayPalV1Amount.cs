using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.PayPal;

/// <summary>
/// A v1 Payments amount: <c>total</c>, <c>currency</c> and <c>details</c> {subtotal, tax, shipping,
/// handling_fee, shipping_discount, insurance, gift_wrap}, decimal text in major units
/// (https://developer.paypal.com/api/deprecated/payments/v1/definitions/refund-2, "details").
/// <c>total</c> is subtotal + tax + shipping + handling + insurance + gift wrap − shipping discount.
/// </summary>
internal sealed record PayPalV1Amount(decimal Total, string Currency, decimal Subtotal, decimal Tax, Charge? Shipping, IReadOnlyList<Charge> Fees, decimal OrderDiscount)
{
    public static PayPalV1Amount? Read(JsonElement amount)
    {
        if (amount.Decimal("total") is not { } total || amount.Text("currency") is not { } currency)
        {
            return null;
        }

        decimal Detail(string name) => amount.Decimal($"details.{name}") ?? 0m;

        var shipping = Detail("shipping");

        // The discount arrives negative ("-1.00"). PayPal's own sandbox delivery discounts 1.00 off 0.03 of
        // shipping; a shipping charge cannot go below zero, so what exceeds it discounts the order instead.
        var shippingDiscount = Math.Abs(Detail("shipping_discount"));
        var onShipping = Math.Min(shippingDiscount, shipping);
        var fees = new[]
        {
            new Charge("Handling", Detail("handling_fee")),
            new Charge("Insurance", Detail("insurance")),
            new Charge("Gift wrap", Detail("gift_wrap")),
        }.Where(fee => fee.Amount != 0).ToList();

        return new PayPalV1Amount(
            total,
            currency.ToUpperInvariant(),
            Detail("subtotal"),
            Detail("tax"),
            shipping == 0 && shippingDiscount == 0 ? null : new Charge("Shipping", shipping) { Discount = onShipping },
            fees,
            shippingDiscount - onShipping);
    }

    public IReadOnlyList<TaxLine> Taxes => Tax == 0 ? [] : [new TaxLine("Tax", null, Tax)];
}
