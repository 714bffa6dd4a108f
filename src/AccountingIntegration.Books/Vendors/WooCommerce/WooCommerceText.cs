using System.Net;
using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>
/// WooCommerce stores item and method names as HTML ("Ship Your Idea &amp;ndash; Color: Black",
/// "Woo Album #2 &amp;times; 1"); documents need the characters they stand for.
/// </summary>
internal static class WooCommerceText
{
    public static string? Decoded(this JsonElement element, string path) =>
        element.Text(path) is { } text ? WebUtility.HtmlDecode(text).Trim() is { Length: > 0 } decoded ? decoded : null : null;
}
