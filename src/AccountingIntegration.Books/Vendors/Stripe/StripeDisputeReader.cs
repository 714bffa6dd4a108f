using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// Disputes (chargebacks). Opening one moves no money; Stripe withdraws the disputed amount from the balance
/// with charge.dispute.funds_withdrawn (https://docs.stripe.com/disputes/how-disputes-work). For the books
/// that withdrawal is money going back to the customer for the sale, as a refund is, so it is read as one,
/// under the dispute's id: a dispute withdraws its funds once.
/// </summary>
internal static class StripeDisputeReader
{
    public static AdapterResult FundsWithdrawn(StripeEvent stripe)
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

        // The withdrawal's date is its balance transaction's; Stripe's dispute fee sits on that transaction
        // too, but a refund has no place for a fee (see the adapter's notes), so it is left to the payout records.
        var withdrawal = dispute.Array("balance_transactions").Select(transaction => (JsonElement?)transaction).FirstOrDefault();
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
                    Date = withdrawal?.Date("created") ?? stripe.Created ?? default,
                    Reason = dispute.Text("reason") is { } reason ? $"Chargeback: {reason}" : "Chargeback",
                },
            ],
        });
    }
}
