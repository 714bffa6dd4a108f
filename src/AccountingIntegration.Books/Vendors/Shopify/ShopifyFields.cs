using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>
/// How Shopify writes money and ids. Money is decimal text in the shop's currency ("199.00"); newer API
/// versions add a MoneyBag beside it (<c>price_set.shop_money.amount</c>) and some fields exist only as a
/// MoneyBag, so the plain field is read first and its <c>_set</c> twin second. Ids are read as text: Shopify's
/// ids pass 2^53 (820982911946154508) and a double would change them.
/// </summary>
internal static class ShopifyFields
{
    /// <summary>The amount in shop currency: the plain decimal field, else its <c>{field}_set</c> MoneyBag.</summary>
    public static decimal? Amount(this JsonElement element, string field) =>
        element.Decimal(field) ?? element.Decimal($"{field}_set.shop_money.amount");

    /// <summary>A MoneyBag that has no plain twin (<c>original_total_duties_set</c>), in shop currency.</summary>
    public static decimal? MoneyBag(this JsonElement element, string field) => element.Decimal($"{field}.shop_money.amount");

    /// <summary>The resource's id as text; a GraphQL-era body that only has <c>admin_graphql_api_id</c> gives its numeric tail.</summary>
    public static string? Id(this JsonElement element, string field = "id") =>
        element.Text(field) ?? (element.Text("admin_graphql_api_id") is { } gid ? gid[(gid.LastIndexOf('/') + 1)..] : null);

    /// <summary>The sum of an array's amounts (discount allocations, tax lines).</summary>
    public static decimal SumOf(this JsonElement element, string array, string field) =>
        element.Array(array).Sum(item => item.Amount(field) ?? 0m);
}
