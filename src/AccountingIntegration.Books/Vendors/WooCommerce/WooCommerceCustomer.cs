using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>
/// The buyer, from the billing address (REST v3 <c>billing</c>, legacy v3 <c>billing_address</c>): first and last
/// name, company, e-mail, phone. <c>customer_id</c> 0 is a guest checkout, so it names nobody.
/// </summary>
internal static class WooCommerceCustomer
{
    public static Party Read(JsonElement order, string billing, string shipping) => new()
    {
        Email = order.Text($"{billing}.email") ?? order.Text("customer.email"),
        Name = FullName(order, billing) ?? FullName(order, "customer"),
        Company = order.Decoded($"{billing}.company"),
        Phone = order.Text($"{billing}.phone"),
        ExternalId = order.Text("customer_id") is { } id and not "0" ? id : null,
        BillingAddress = Address(order, billing),
        ShippingAddress = Address(order, shipping),
    };

    private static string? FullName(JsonElement order, string owner)
    {
        var name = string.Join(' ', new[] { order.Decoded($"{owner}.first_name"), order.Decoded($"{owner}.last_name") }.OfType<string>());
        return name.Length > 0 ? name : null;
    }

    private static Address? Address(JsonElement order, string name)
    {
        if (order.At(name) is not { ValueKind: JsonValueKind.Object } address)
        {
            return null;
        }

        return new Address
        {
            Line1 = address.Text("address_1"),
            Line2 = address.Text("address_2"),
            City = address.Text("city"),
            Region = address.Text("state"),
            PostalCode = address.Text("postcode"),
            Country = address.Text("country"),
        };
    }
}
