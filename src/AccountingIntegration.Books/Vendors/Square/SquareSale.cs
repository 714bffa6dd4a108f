using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Square;

/// <summary>
/// The sale a completed Square payment stands for. A payment names its order but carries none of it (no
/// items, no tax): the sale is one line for the amount charged, plus the tip. The line is not marked
/// taxable because any sales tax is already inside the amount and a document must not add it again.
/// </summary>
internal static class SquareSale
{
    public static Sale Of(JsonElement payment, string currency, DateOnly date, decimal amount, decimal tip, decimal total)
    {
        var sale = new Sale
        {
            Currency = currency,
            Date = date,
            Number = payment.Text("receipt_number"),
            Customer = Buyer(payment),
            Lines =
            [
                new SaleLine
                {
                    Description = payment.Text("note") ?? "Square payment",
                    Quantity = 1m,
                    UnitPrice = amount,
                    Amount = amount,
                    Taxable = false,
                },
            ],
            Tips = tip > 0m ? [new Charge("Tip", tip)] : [],
            Total = total,
            TaxNotStated = true,
        };

        // total_money is read-only and Square's own sum; should it ever differ, the difference is shown.
        var shortfall = total - sale.ComputedTotal;
        return shortfall switch
        {
            > 0m => sale with { Fees = [new Charge("Adjustment", shortfall)] },
            < 0m => sale with { OrderDiscount = -shortfall },
            _ => sale,
        };
    }

    private static Party Buyer(JsonElement payment)
    {
        var name = string.Join(' ', new[] { payment.Text("billing_address.first_name"), payment.Text("billing_address.last_name") }.OfType<string>());
        return new Party
        {
            Email = payment.Text("buyer_email_address"),
            Name = name.Length > 0 ? name : null,
            ExternalId = payment.Text("customer_id"),
            BillingAddress = Address(payment, "billing_address"),
            ShippingAddress = Address(payment, "shipping_address"),
        };
    }

    private static Address? Address(JsonElement payment, string name) => payment.At(name) is { ValueKind: JsonValueKind.Object } address
        ? new Address
        {
            Line1 = address.Text("address_line_1"),
            Line2 = address.Text("address_line_2"),
            City = address.Text("locality"),
            Region = address.Text("administrative_district_level_1"),
            PostalCode = address.Text("postal_code"),
            Country = address.Text("country"),
        }
        : null;
}
