using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.PayPal;

/// <summary>
/// PayPal's HATEOAS links, as the Payments v2 objects carry them (https://developer.paypal.com/docs/api/payments/v2/): a refund's
/// <c>up</c> link is its capture, a capture's is its order or authorization; the id is the last path segment.
/// </summary>
internal static class PayPalLinks
{
    /// <summary>The id at the end of the link with this rel whose path contains the segment ("/captures/"), or null.</summary>
    public static string? IdFromLink(this JsonElement resource, string rel, string segment) =>
        resource.Array("links")
            .Where(link => link.Text("rel") == rel)
            .Select(link => link.Text("href"))
            .OfType<string>()
            .Where(href => href.Contains(segment, StringComparison.Ordinal))
            .Select(href => href.TrimEnd('/').Split('/')[^1])
            .FirstOrDefault(id => id.Length > 0);
}
