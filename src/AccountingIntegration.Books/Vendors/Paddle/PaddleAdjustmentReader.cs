namespace AccountingIntegration.Books.Vendors.Paddle;

/// <summary>
/// adjustment.created and adjustment.updated. A refund or chargeback is money back to the customer once
/// Paddle has approved it; most refunds start as pending_approval and move to approved or rejected with
/// adjustment.updated (https://developer.paddle.com/webhooks/adjustments/adjustment-updated), and Paddle
/// creates chargeback adjustments itself
/// (https://developer.paddle.com/build/transactions/create-transaction-adjustments). Credits to the
/// customer's balance move no money: they show as <c>credit</c> on the transaction that spends them.
/// The tax that goes back is Paddle's, the merchant of record's, as the sale's was (<see cref="PaddleTransactionReader"/>).
/// A full refund (<c>type</c> "full") gives back the sale as it was booked, line for line; a partial one its money net of
/// tax, out of scope of the company's tax return, and the tax Paddle gives back on the line that carried it.
/// A chargeback reversed (<c>chargeback_reverse</c>, "automatically created by Paddle when Paddle contests a chargeback
/// successfully") is the chargeback's money coming back (<see cref="RefundInfo.Reinstated"/>), read the same way: in full,
/// the sale line for line; in part, its money net of tax and the tax. It names its transaction, not the chargeback it reverses.
/// </summary>
internal static class PaddleAdjustmentReader
{
    public static AdapterResult Changed(PaddleNotification paddle)
    {
        var adjustment = paddle.Data;
        var action = adjustment.Text("action");
        var status = adjustment.Text("status");
        switch (action)
        {
            case "credit" or "credit_reverse":
                return paddle.NoMoney("a credit to the customer's balance moves no money; it lowers the transaction that spends it");
            case "chargeback_warning" or "chargeback_warning_reverse":
                return paddle.NoMoney("a chargeback warning moves no money");
            case not ("refund" or "chargeback" or "chargeback_reverse"):
                return paddle.NoMoney($"an adjustment with action {action ?? "(none)"} is not one the books use");
        }

        if (status != "approved")
        {
            return paddle.NoMoney(status switch
            {
                "pending_approval" => "the refund awaits Paddle's approval: no money went back yet",
                "rejected" => "the refund was rejected: no money went back",
                "reversed" => "the adjustment was reversed by a later adjustment, which carries any money that moved",
                _ => $"the adjustment is {status ?? "of unknown status"}: no money went back",
            });
        }

        if (!paddle.TryRequire("id", out var id, out var failure) || !paddle.TryRequire("transaction_id", out var transactionId, out failure))
        {
            return failure;
        }

        if (paddle.Currency is not { } currency)
        {
            return PaddleNotification.Missing("currency_code");
        }

        if (!paddle.TryRequireAmount("totals.total", currency, out var amount, out failure))
        {
            return failure;
        }

        // updated_at is Go's zero time ("0001-01-01T00:00:00Z") until the adjustment changes.
        var updated = adjustment.Date("updated_at") is { Year: > 1 } changed ? changed : (DateOnly?)null;
        var tax = Money.FromMinorUnits(adjustment.Long("totals.tax") ?? 0, currency);
        var reinstated = action == "chargeback_reverse";
        return AdapterResult.Of(paddle.Describe(EventMeaning.Refund, new SourceObject("adjustment", id)) with
        {
            Original = new SourceObject("transaction", transactionId),
            Refunds =
            [
                new RefundInfo
                {
                    RefundId = id,
                    Amount = amount,
                    Currency = currency,
                    Date = updated ?? adjustment.Date("created_at") ?? paddle.OccurredAt ?? default,
                    Lines = adjustment.Text("type") == "full" ? [] : Partial(amount - tax, tax, reinstated),
                    Reason = action switch
                    {
                        "chargeback" => "Chargeback",
                        "chargeback_reverse" => "Chargeback reversed, funds returned",
                        _ => adjustment.Text("reason"),
                    },
                    Reinstated = reinstated,
                },
            ],
        });
    }

    /// <summary>
    /// What a partial refund gives back: its money net of tax, and the tax Paddle collected on it; or, of a chargeback
    /// reversed in part (<paramref name="reinstated"/>), what came back of them.
    /// </summary>
    private static List<SaleLine> Partial(decimal net, decimal tax, bool reinstated) =>
    [
        new SaleLine { Description = reinstated ? "Chargeback reversed" : "Refund", Quantity = 1m, UnitPrice = net, Amount = net, Taxable = false, OutOfScope = true },
        .. tax == 0m ? [] : new[] { PaddleLine.Tax(reinstated ? "Tax collected by Paddle, merchant of record (chargeback reversed)" : "Tax refunded by Paddle, merchant of record", tax) },
    ];
}
