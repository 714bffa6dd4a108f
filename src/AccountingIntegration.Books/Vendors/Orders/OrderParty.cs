using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Orders;

/// <summary>The order's <c>customer</c>: name, company, e-mail, phone, the sender's own id, and the two addresses.</summary>
internal static class OrderParty
{
    public static Party Read(JsonElement order, OrderFields fields)
    {
        if (fields.Object(order, "customer", "order.customer") is not { } customer)
        {
            return new Party();
        }

        return new Party
        {
            Email = fields.Text(customer, "email", "order.customer.email", maxLength: 100),
            Name = fields.Text(customer, "name", "order.customer.name", maxLength: 100),
            Company = fields.Text(customer, "company", "order.customer.company", maxLength: 100),
            Phone = fields.Text(customer, "phone", "order.customer.phone", maxLength: 30),
            ExternalId = fields.Text(customer, "id", "order.customer.id", maxLength: 100),
            BillingAddress = Address(customer, "billingAddress", fields),
            ShippingAddress = Address(customer, "shippingAddress", fields),
        };
    }

    private static Address? Address(JsonElement customer, string name, OrderFields fields)
    {
        var path = $"order.customer.{name}";
        if (fields.Object(customer, name, path) is not { } address)
        {
            return null;
        }

        return new Address
        {
            Line1 = fields.Text(address, "line1", $"{path}.line1"),
            Line2 = fields.Text(address, "line2", $"{path}.line2"),
            City = fields.Text(address, "city", $"{path}.city"),
            Region = fields.Text(address, "region", $"{path}.region", maxLength: 50),
            PostalCode = fields.Text(address, "postalCode", $"{path}.postalCode", maxLength: 30),
            Country = fields.Text(address, "country", $"{path}.country", maxLength: 50),
        };
    }
}
