using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Shopify;

/// <summary>
/// disputes/create and disputes/update: the bare Dispute resource of Shopify Payments (<c>id</c>, <c>order_id</c>,
/// <c>type</c> inquiry or chargeback, <c>amount</c>, <c>currency</c>, <c>reason</c>, <c>status</c>, <c>initiated_at</c>,
/// <c>finalized_on</c>; https://shopify.dev/docs/api/admin-rest/latest/resources/dispute). An inquiry holds no funds. A
/// chargeback takes the disputed amount out of the Shopify Payments balance when it opens: money back to the customer for
/// the order, read as a refund under the dispute's id, dated when it was initiated. When the merchant wins, the amount
/// comes back (<see cref="RefundInfo.Reinstated"/>, dated when the dispute was finalized). A dispute won is told with its
/// withdrawal too, both under the dispute's id and each booked once, so a disputes/create that never arrived still leaves
/// the books whole.
/// </summary>
internal static class ShopifyDisputeReader
{
    public static AdapterResult Read(string topic, JsonElement dispute)
    {
        if (dispute.Id() is not { } id)
        {
            return AdapterResult.Fail("id", "The dispute body has no id.");
        }

        var subject = new SourceObject("dispute", id);
        var status = dispute.Text("status");
        if (dispute.Text("type") != "chargeback")
        {
            return ShopifyEvents.NoMoney(topic, subject, "An inquiry holds no funds: only a chargeback takes the disputed amount from the Shopify Payments balance.");
        }

        if (status is "charge_refunded" or "prevented")
        {
            return ShopifyEvents.NoMoney(topic, subject, status == "prevented"
                ? "The dispute was prevented from becoming a chargeback: no funds were taken."
                : "The charge was refunded instead: the money that went back is booked from its refund (refunds/create).");
        }

        if (dispute.Text("order_id") is not { } orderId)
        {
            return AdapterResult.Fail("order_id", "The dispute does not name its order.");
        }

        if (dispute.Text("currency")?.ToUpperInvariant() is not { } currency)
        {
            return AdapterResult.Fail("currency", "The dispute names no currency.");
        }

        var amount = dispute.Amount("amount");
        if (amount is not > 0m)
        {
            return AdapterResult.Fail("amount", "The dispute states no amount taken.");
        }

        if (dispute.Date("initiated_at") is not { } initiated)
        {
            return AdapterResult.Fail("initiated_at", "The dispute has no date it was initiated.");
        }

        var withdrawal = new RefundInfo
        {
            RefundId = id,
            Amount = amount.Value,
            Currency = currency,
            Date = initiated,
            Reason = dispute.Text("reason") is { } reason ? $"Chargeback: {reason}" : "Chargeback",
        };
        return ShopifyEvents.Refunds(topic, subject, orderId, status == "won"
            ? [withdrawal, withdrawal with { Date = dispute.Date("finalized_on") ?? initiated, Reason = "dispute won, funds returned", Reinstated = true }]
            : [withdrawal]);
    }
}
