using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>Stripe's recurring shapes: references that are an id or, when expanded, the object; addresses.</summary>
internal static class StripeJson
{
    /// <summary>The id at the path, whether Stripe sent the id itself or the expanded object.</summary>
    public static string? IdAt(this JsonElement element, string path) => element.At(path) switch
    {
        { ValueKind: JsonValueKind.Object } expanded => expanded.Text("id"),
        _ => element.Text(path),
    };

    /// <summary>A Stripe address (line1, line2, city, state, postal_code, country); null when every part is empty.</summary>
    public static Address? AddressAt(this JsonElement element, string path)
    {
        if (element.At(path) is not { ValueKind: JsonValueKind.Object } address)
        {
            return null;
        }

        var read = new Address
        {
            Line1 = address.Text("line1"),
            Line2 = address.Text("line2"),
            City = address.Text("city"),
            Region = address.Text("state"),
            PostalCode = address.Text("postal_code"),
            Country = address.Text("country"),
        };
        return read == new Address() ? null : read;
    }
}
