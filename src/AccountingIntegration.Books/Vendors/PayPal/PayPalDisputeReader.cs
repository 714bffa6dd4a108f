namespace AccountingIntegration.Books.Vendors.PayPal;

/// <summary>
/// CUSTOMER.DISPUTE.RESOLVED: the Dispute resource (https://developer.paypal.com/docs/api/customer-disputes/v1/#disputes_get:
/// <c>dispute_id</c>, <c>disputed_transactions[].seller_transaction_id</c>, <c>dispute_amount</c>, <c>dispute_channel</c>,
/// <c>dispute_outcome.outcome_code</c>, <c>update_time</c>). A dispute's money otherwise moves as events of its own: a claim
/// the buyer wins as PAYMENT.CAPTURE.REVERSED or a refund, while a claim opened with PayPal (<c>INTERNAL</c>) only holds the
/// funds, so winning it releases a hold the books never saw. A chargeback through the buyer's card issuer
/// (<c>EXTERNAL</c>) is different: PayPal reverses the payment when it is filed (PAYMENT.CAPTURE.REVERSED, booked like a
/// refund) and gives the funds back when the seller wins it (PayPal's "Disputes, claims, chargebacks, and bank reversals",
/// https://www.paypal.com/us/brc/article/customer-disputes-claims-chargebacks-bank-reversals). No capture event tells that
/// return, so the resolution is read as it: the chargeback's money coming back (<see cref="RefundInfo.Reinstated"/>) under
/// the dispute's id, the disputed amount, dated when the dispute was resolved.
/// </summary>
internal static class PayPalDisputeReader
{
    /// <summary>Outcomes that leave the seller the money: the chargeback decided for the seller, or withdrawn by the buyer.</summary>
    private static readonly HashSet<string> SellerKeepsTheMoney = new(StringComparer.Ordinal) { "RESOLVED_SELLER_FAVOUR", "CANCELED_BY_BUYER" };

    public static AdapterResult Resolved(PayPalNotification paypal)
    {
        var dispute = paypal.Resource;
        var outcome = dispute.Text("dispute_outcome.outcome_code");
        if (outcome is null || !SellerKeepsTheMoney.Contains(outcome))
        {
            return paypal.NoMoney(outcome is null
                ? "the dispute states no outcome"
                : $"the dispute ended {outcome}: money that went back to the buyer arrives as PAYMENT.CAPTURE.REVERSED or a refund");
        }

        if (dispute.Text("dispute_channel") != "EXTERNAL")
        {
            return paypal.NoMoney($"the dispute ended {outcome}, and a claim opened with PayPal only held the funds: none were taken, so none came back");
        }

        if (!paypal.TryRequire("dispute_id", out var disputeId, out var failure)
            || !paypal.TryRequire("dispute_amount.currency_code", out var currency, out failure)
            || !paypal.TryRequireAmount("dispute_amount.value", out var amount, out failure))
        {
            return failure;
        }

        var disputed = dispute.Array("disputed_transactions").Select(transaction => transaction.Text("seller_transaction_id")).OfType<string>().Distinct().ToList();
        if (disputed.Count != 1)
        {
            return AdapterResult.Fail("resource.disputed_transactions", disputed.Count == 0
                ? $"Chargeback {disputeId} was won, but it names no seller_transaction_id: the sale whose money came back is not known."
                : $"Chargeback {disputeId} was won on {disputed.Count} transactions, and PayPal does not say how its {amount} {currency} splits among them.");
        }

        // The seller's transaction id is the capture's (Orders v2) or the sale's (the v1 Payments API): the sale is found under either.
        var transactionId = disputed[0];
        return AdapterResult.Of(paypal.Describe(EventMeaning.Refund, new SourceObject("dispute", disputeId)) with
        {
            Original = new SourceObject("capture", transactionId),
            Aliases = [new SourceObject("sale", transactionId)],
            Refunds =
            [
                new RefundInfo
                {
                    RefundId = disputeId,
                    Amount = Math.Abs(amount),
                    Currency = currency.ToUpperInvariant(),
                    Date = dispute.Date("update_time") ?? paypal.Body.Date("create_time") ?? default,
                    Reason = outcome == "CANCELED_BY_BUYER" ? "chargeback withdrawn by the buyer, funds returned" : "chargeback won, funds returned",
                    Reinstated = true,
                },
            ],
        });
    }
}
