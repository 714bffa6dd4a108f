using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.WooCommerce;

/// <summary>
/// What an order delivery means, decided by the order's <c>status</c> (REST docs: pending, processing, on-hold,
/// completed, cancelled, refunded, failed, trash). The body is the order as it is when the webhook is sent.
/// </summary>
internal static class WooCommerceOrderEvents
{
    /// <param name="topic">The webhook topic.</param>
    /// <param name="order">The order: the REST body itself, or the legacy body's <c>order</c>.</param>
    /// <param name="legacy">The order is in the Legacy API v3 format; its failing fields are named under <c>order.</c>.</param>
    public static AdapterResult Read(string topic, JsonElement order, bool legacy)
    {
        var prefix = legacy ? "order." : "";
        if (order.Text("id") is not { } id)
        {
            return AdapterResult.Fail($"{prefix}id", "The order has no id.");
        }

        var subject = WooCommerceEvents.Order(id);
        if (order.Text("status")?.ToLowerInvariant() is not { } status)
        {
            return AdapterResult.Fail($"{prefix}status", "The order has no status.");
        }

        // Refunds win over the status: once an order lists refunds (whatever its status, cancelled
        // included), the money that went back is what this delivery adds. The order itself comes along,
        // so a sale whose own delivery never arrived is booked before its refunds.
        if (!legacy && order.Array("refunds").Any())
        {
            var refunds = WooCommerceRefunds.Read(topic, order, subject);
            return refunds.Event is { Meaning: EventMeaning.Refund } refund && WooCommerceSaleReader.Read(topic, order, subject, paid: true).Event is { Sale: { } sale } sold
                ? AdapterResult.Of(refund with { Sale = sale, Paid = sold.Paid, Payment = sold.Payment })
                : refunds;
        }

        return status switch
        {
            "processing" or "completed" => Sale(topic, order, subject, legacy, paid: !IsCashOnDeliveryAwaitingCash(order, status, legacy)),
            // On hold: the customer chose to pay offline (bank transfer, cheque) and the stock is reserved;
            // the merchant waits for the money. That is a sale on credit, like an open invoice.
            "on-hold" => Sale(topic, order, subject, legacy, paid: false),
            "pending" or "checkout-draft" => WooCommerceEvents.NoMoney(topic, subject,
                "The order awaits payment: checkout is not finished, and abandoned checkouts stay pending. It is booked when it moves to processing, completed or on-hold."),
            "failed" => WooCommerceEvents.NoMoney(topic, subject, "The payment failed or was declined; nothing was charged."),
            // date_modified is the site's day, as date_created is; the legacy body's updated_at is UTC.
            "cancelled" => WooCommerceEvents.Cancellation(topic, subject,
                legacy ? order.Date("updated_at") : order.Date("date_modified") ?? order.Date("date_modified_gmt")),
            "refunded" => AdapterResult.Fail($"{prefix}refunds", legacy
                ? "The order is refunded, but Legacy API bodies do not list refunds; set the webhook's API version to WP REST API Integration v3 so each refund arrives with its id."
                : "The order is refunded but lists no refund."),
            "trash" => WooCommerceEvents.NoMoney(topic, subject, TrashReason),
            _ => CustomStatus(topic, order, subject, status, legacy),
        };
    }

    public const string TrashReason =
        "The order was moved to the trash. Trashing neither cancels nor refunds an order, so the books keep it; cancel or refund the order in WooCommerce to change them.";

    private static AdapterResult Sale(string topic, JsonElement order, SourceObject subject, bool legacy, bool paid) => legacy
        ? WooCommerceLegacySaleReader.Read(topic, order, subject, paid)
        : WooCommerceSaleReader.Read(topic, order, subject, paid);

    /// <summary>
    /// Processing and completed are WooCommerce's paid statuses (<c>wc_get_is_paid_statuses()</c>): the merchant
    /// or the gateway has confirmed the money, even when <c>date_paid</c> is empty (a bank transfer marked
    /// completed by hand). The one exception is cash on delivery, which WooCommerce's own gateway moves to
    /// processing before any cash is collected; it is paid once completed (delivered).
    /// </summary>
    private static bool IsCashOnDeliveryAwaitingCash(JsonElement order, string status, bool legacy) =>
        status == "processing" && (legacy ? order.Text("payment_details.method_id") : order.Text("payment_method")) == "cod";

    /// <summary>
    /// Plugins add statuses of their own (shipped, awaiting-pickup). Whether money came in is then told by
    /// the payment date (REST) or the payment's paid flag (legacy).
    /// </summary>
    private static AdapterResult CustomStatus(string topic, JsonElement order, SourceObject subject, string status, bool legacy)
    {
        var paid = legacy ? order.Bool("payment_details.paid") == true : order.Text("date_paid") is not null;
        return paid
            ? Sale(topic, order, subject, legacy, paid: true)
            : WooCommerceEvents.NoMoney(topic, subject,
                $"The order's status \"{status}\" is not one of WooCommerce's own and the order has no payment, so nothing says it was sold.");
    }
}
