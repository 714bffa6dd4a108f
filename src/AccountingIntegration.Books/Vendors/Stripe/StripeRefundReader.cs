using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// Refunds. Every refund is booked once, under its own id, from whichever event names it; which events
/// name it depends on the endpoint's API version:
/// <list type="bullet">
/// <item>Before 2022-11-15 charge.refunded embeds every refund (<c>refunds.data</c>), and the refund events
/// carry the same <c>re_…</c> ids, so the books take each from whichever arrives first.</item>
/// <item>From 2022-11-15 the charge no longer embeds its refunds
/// (https://docs.stripe.com/changelog/2022-11-15/deprecates-charges-auto-expand) and, until 2024-10-28,
/// a card refund has no event of its own: charge.refunded books the difference in <c>amount_refunded</c>
/// under the id <c>{charge}:{amount_refunded}</c>, which a redelivery repeats and the next partial refund
/// does not. The refund events of those versions (only for refunds that change state later) book
/// nothing, or the same money would be booked under two ids.</item>
/// <item>From 2024-10-28 refund.created and refund.updated come for every refund
/// (https://docs.stripe.com/changelog/acacia/2024-10-28/refund-webhook-update) with the refund's id and
/// status, so they book it and charge.refunded, which cannot name it, books nothing.</item>
/// </list>
/// A refund is money out only once its status is succeeded; a pending one books nothing yet.
/// A refund can fail after it succeeded (its card expired or was reported lost: <c>failure_reason</c>), and then "the
/// amount is returned to your Stripe balance" (https://docs.stripe.com/refunds#failed-refunds): refund.failed, and
/// refund.updated with status failed or canceled (https://docs.stripe.com/api/refunds/object#refund_object-status),
/// are a cancellation of that refund, which takes back whatever was booked for it: on the versions where charge.refunded
/// booked it under its charge, the one refund of that charge booked for the same amount (<see cref="RefundInfo.BookedUnderCharge"/>).
/// </summary>
internal static class StripeRefundReader
{
    public static AdapterResult ChargeRefunded(StripeEvent stripe)
    {
        var charge = stripe.Object;
        if (!stripe.TryRequire("id", out var chargeId, out var failure))
        {
            return failure;
        }

        if (stripe.Currency is not { } currency)
        {
            return StripeEvent.Missing("currency");
        }

        var embedsRefunds = charge.At("refunds.data") is { ValueKind: JsonValueKind.Array };
        if (!embedsRefunds && StripeApiVersion.IsAtLeast(stripe.ApiVersion, StripeApiVersion.RefundEventsForEveryRefund))
        {
            return stripe.NoMoney("on this API version each refund is booked from refund.created or refund.updated, which carry its id and status");
        }

        var (refunds, unreadable) = embedsRefunds ? EmbeddedRefunds(charge, currency, stripe.Created) : RefundedSinceLastEvent(stripe, chargeId, currency);
        if (unreadable is not null)
        {
            return unreadable;
        }

        if (refunds.Count == 0)
        {
            return stripe.NoMoney("no refund on the charge has succeeded yet: no money went back");
        }

        return AdapterResult.Of(stripe.Describe(EventMeaning.Refund, new SourceObject("charge", chargeId)) with
        {
            Original = new SourceObject("charge", chargeId),
            Aliases = OtherNamesOfTheSale(charge),
            Refunds = refunds,
        });
    }

    /// <summary>refund.created, refund.updated, refund.failed and the older charge.refund.updated: the Refund object itself.</summary>
    public static AdapterResult RefundChanged(StripeEvent stripe)
    {
        var refund = stripe.Object;
        if (!stripe.TryRequire("id", out var refundId, out var failure))
        {
            return failure;
        }

        var status = refund.Text("status");
        var didNotGoThrough = status is "failed" or "canceled";
        // On these versions charge.refunded booked the refund under its charge ({charge}:{amount_refunded}), not its id.
        var bookedUnderCharge = !StripeApiVersion.IsAtLeast(stripe.ApiVersion, StripeApiVersion.RefundEventsForEveryRefund)
            && StripeApiVersion.IsAtLeast(stripe.ApiVersion, StripeApiVersion.ChargeRefundsNotEmbedded);
        if (bookedUnderCharge && !didNotGoThrough)
        {
            return stripe.NoMoney("on this API version charge.refunded books the refund; booking it here too would count it twice");
        }

        if (status != "succeeded" && !didNotGoThrough)
        {
            return stripe.NoMoney($"the refund is {status ?? "of unknown status"}: no money went back yet");
        }

        if (stripe.Currency is not { } currency)
        {
            return StripeEvent.Missing("currency");
        }

        if (!stripe.TryRequireAmount("amount", currency, out var amount, out failure))
        {
            return failure;
        }

        // A refund names the charge it returns money from; a refund of a customer balance or of a payment
        // made without a charge names only its payment intent.
        var original = refund.IdAt("charge") is { } charge
            ? new SourceObject("charge", charge)
            : refund.IdAt("payment_intent") is { } paymentIntent ? new SourceObject("payment_intent", paymentIntent) : null;
        if (original is null)
        {
            return StripeEvent.Missing("charge");
        }

        // A refund that did not go through is the last word on it: whatever was booked for it is taken back.
        var told = Refund(refundId, amount, currency, refund.Date("created") ?? stripe.Created, didNotGoThrough ? refund.Text("failure_reason") : refund.Text("reason"));
        return AdapterResult.Of(stripe.Describe(didNotGoThrough ? EventMeaning.Cancellation : EventMeaning.Refund, new SourceObject("refund", refundId)) with
        {
            Original = original,
            Aliases = OtherNamesOfTheSale(refund).Where(alias => alias != original).ToList(),
            Refunds = [bookedUnderCharge && original.Kind == "charge" ? told with { BookedUnderCharge = original.Id } : told],
        });
    }

    private static (IReadOnlyList<RefundInfo> Refunds, AdapterResult? Failure) EmbeddedRefunds(JsonElement charge, string currency, DateOnly? eventDate) =>
        (charge.Array("refunds.data")
            .Where(refund => refund.Text("status") is null or "succeeded")
            .Where(refund => refund.Text("id") is not null && refund.Long("amount") is not null)
            .Select(refund => Refund(refund.Text("id")!, StripeMoney.FromMinorUnits(refund.Long("amount")!.Value, currency), currency, refund.Date("created") ?? eventDate, refund.Text("reason")))
            .ToList(), null);

    /// <summary>
    /// The refund this event reports, when the charge no longer lists its refunds: what amount_refunded grew
    /// by since the previous state Stripe records in previous_attributes.
    /// </summary>
    private static (IReadOnlyList<RefundInfo> Refunds, AdapterResult? Failure) RefundedSinceLastEvent(StripeEvent stripe, string chargeId, string currency)
    {
        if (stripe.Object.Long("amount_refunded") is not { } refundedNow)
        {
            return ([], StripeEvent.Missing("amount_refunded"));
        }

        if (stripe.PreviousAttributes?.Long("amount_refunded") is not { } refundedBefore)
        {
            return ([], AdapterResult.Fail("data.previous_attributes.amount_refunded", "The charge.refunded event does not say how much was refunded before it, so the refund it reports cannot be told apart from earlier ones."));
        }

        return refundedNow <= refundedBefore
            ? ([], null)
            : ([Refund($"{chargeId}:{refundedNow}", StripeMoney.FromMinorUnits(refundedNow - refundedBefore, currency), currency, stripe.Created, reason: null)
                with { BookedUnderCharge = chargeId }], null);
    }

    private static RefundInfo Refund(string id, decimal amount, string currency, DateOnly? date, string? reason) => new()
    {
        RefundId = id,
        Amount = amount,
        Currency = currency,
        Date = date ?? default,
        Reason = reason,
    };

    private static IReadOnlyList<SourceObject> OtherNamesOfTheSale(JsonElement chargeOrRefund) =>
        new[]
        {
            chargeOrRefund.IdAt("payment_intent") is { } paymentIntent ? new SourceObject("payment_intent", paymentIntent) : null,
            chargeOrRefund.IdAt("invoice") is { } invoice ? new SourceObject("invoice", invoice) : null,
        }.OfType<SourceObject>().ToList();
}
