using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>
/// Where an order stands, read from the body (the order as it is when the webhook is sent, not as it was
/// when the topic fired). Shopify's financial statuses (Admin API OrderDisplayFinancialStatus):
/// pending, authorized, partially_paid, paid, partially_refunded, refunded, voided, expired.
/// </summary>
internal sealed record ShopifyOrderState(string FinancialStatus, bool IsCancelled, bool IsTest, bool HasRefunds)
{
    public static ShopifyOrderState Of(JsonElement order) => new(
        order.Text("financial_status")?.ToLowerInvariant() ?? "",
        order.Text("cancelled_at") is not null,
        order.Bool("test") == true,
        order.Array("refunds").Any());

    /// <summary>
    /// Voided means the authorization was released without capture (Shopify voids it when an unpaid order
    /// is cancelled); either way nothing will be collected for the order.
    /// </summary>
    public bool IsCancelledOrVoided => IsCancelled || FinancialStatus == "voided";
}
