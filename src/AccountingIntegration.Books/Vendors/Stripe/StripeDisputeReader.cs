using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// Disputes (chargebacks). Opening one moves no money; Stripe withdraws the disputed amount from the balance
/// with charge.dispute.funds_withdrawn and gives funds back with charge.dispute.funds_reinstated when the dispute is won
/// (https://docs.stripe.com/disputes/how-disputes-work). For the books the withdrawal is money going back to the customer
/// for the sale, as a refund is, so it is read as one, under the dispute's id: a dispute withdraws its funds once. The
/// funds reinstated are that refund's money coming back (<see cref="RefundInfo.Reinstated"/>), under the same id: a dispute
/// reinstates its funds once. The dispute lists "zero, one, or two balance transactions that show funds withdrawn and
/// reinstated" (https://docs.stripe.com/api/disputes/object#dispute_object-balance_transactions).
/// </summary>
internal static class StripeDisputeReader
{
    public static AdapterResult FundsWithdrawn(StripeEvent stripe) => Read(stripe, reinstated: false);

    /// <summary>
    /// Funds given back to the balance after a dispute is closed: all of them when the merchant won it, or, on a payment
    /// refunded in part before a dispute of its whole amount, the part refunded already
    /// (https://docs.stripe.com/disputes/how-disputes-work#disputes-on-partially-refunded-payments). What came back is the
    /// reinstating balance transaction's amount when it is in the dispute's currency; otherwise (a balance kept in another
    /// currency) the disputed amount, of a dispute won.
    /// </summary>
    public static AdapterResult FundsReinstated(StripeEvent stripe) => Read(stripe, reinstated: true);

    private static AdapterResult Read(StripeEvent stripe, bool reinstated)
    {
        var dispute = stripe.Object;
        if (!stripe.TryRequire("id", out var disputeId, out var failure) || !stripe.TryRequire("charge", out var charge, out failure))
        {
            return failure;
        }

        if (stripe.Currency is not { } currency)
        {
            return StripeEvent.Missing("currency");
        }

        if (!stripe.TryRequireAmount("amount", currency, out var amount, out failure))
        {
            return failure;
        }

        // The withdrawal takes money out of the balance and the reinstatement puts it back: each is dated by its balance
        // transaction. Stripe's dispute fee, and its return, sit on those transactions too, but a refund has no place for a
        // fee (see the adapter's notes), so it is left to the payout records.
        var transaction = dispute.Array("balance_transactions").Select(t => (JsonElement?)t).FirstOrDefault(t => t!.Value.Long("amount") > 0 == reinstated);
        if (reinstated && transaction is { } back && back.Text("currency") is { } balanceCurrency
            && balanceCurrency.Equals(currency, StringComparison.OrdinalIgnoreCase) && back.Long("amount") is { } minorUnits)
        {
            amount = StripeMoney.FromMinorUnits(minorUnits, currency);
        }
        else if (reinstated && dispute.Text("status") != "won")
        {
            return AdapterResult.Fail("data.object.balance_transactions",
                $"Dispute {disputeId} reinstated funds without being won, and no balance transaction states in {currency.ToUpperInvariant()} how much came back.");
        }

        return AdapterResult.Of(stripe.Describe(EventMeaning.Refund, new SourceObject("dispute", disputeId)) with
        {
            Original = new SourceObject("charge", charge),
            Aliases = dispute.IdAt("payment_intent") is { } paymentIntent ? [new SourceObject("payment_intent", paymentIntent)] : [],
            Refunds =
            [
                new RefundInfo
                {
                    RefundId = disputeId,
                    Amount = amount,
                    Currency = currency,
                    Date = transaction?.Date("created") ?? stripe.Created ?? default,
                    Reason = reinstated ? Reinstated(dispute) : dispute.Text("reason") is { } reason ? $"Chargeback: {reason}" : "Chargeback",
                    Reinstated = reinstated,
                },
            ],
        });
    }

    private static string Reinstated(JsonElement dispute) =>
        dispute.Text("status") == "won" ? "dispute won, funds reinstated" : "funds reinstated after the dispute closed";
}
