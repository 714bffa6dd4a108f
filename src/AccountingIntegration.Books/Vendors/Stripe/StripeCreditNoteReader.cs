using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// Credit notes (https://docs.stripe.com/api/credit_notes/object). A credit note first reduces what its <c>invoice</c> still
/// owes (its <c>pre_payment_amount</c>); the rest (<c>post_payment_amount</c>) is given back as any mix of a refund, credit
/// to the customer's balance, and money returned outside Stripe, which together come to it
/// (https://docs.stripe.com/api/credit_notes/create). Before those two amounts existed a credit note was one or the other,
/// by its <c>type</c>: <c>pre_payment</c> or <c>post_payment</c> (then its <c>total</c> is all post-payment).
/// <list type="bullet">
/// <item>The pre-payment part is booked with the invoice, from invoice.paid's <c>pre_payment_credit_notes_amount</c>.</item>
/// <item>The refund (<c>refund</c>, one refund's id, in older versions; <c>refunds[]</c> of {<c>amount_refunded</c>,
/// <c>refund</c>, <c>type</c>} in newer ones, where a credit note can link several, https://docs.stripe.com/changelog/basil)
/// has events of its own (refund.created, charge.refunded), which book it as a refund of the invoice's sale: not here.</item>
/// <item>The credit to the customer's balance leaves a <c>customer_balance_transaction</c> (an id, or when expanded the
/// transaction, whose negative <c>amount</c> is the credit, https://docs.stripe.com/api/customer_balance_transactions/object):
/// booked here, once, as owed to the customer and taken back out of the sale's income and tax.</item>
/// <item><c>out_of_band_amount</c>, "the amount that is or will be credited outside of Stripe": money the seller gives back
/// by its own means, from an account Stripe does not name. Not booked; the sync log says so. (Since 2019-12-03 it must
/// be stated; before, what refund and credit left of the total was taken as out of band,
/// https://docs.stripe.com/changelog/2019-12-03/post-payment-credit-note-requirement.)</item>
/// </list>
/// Voiding a credit note (https://docs.stripe.com/api/credit_notes/void, "marks a credit note as void";
/// https://docs.stripe.com/billing/invoices/credit-notes#voiding) reverses its effects, its credit to the customer's
/// balance among them: credit_note.voided takes back what credit_note.created booked.
/// </summary>
internal static class StripeCreditNoteReader
{
    /// <summary>
    /// credit_note.voided: a cancellation of the credit note's credit to the customer's balance, whose documents, if booked,
    /// are taken back. A credit note that put nothing onto the balance (no <c>customer_balance_transaction</c>: issued before
    /// payment, refunded, or credited outside of Stripe) had nothing booked from its own event: nothing to take back.
    /// </summary>
    public static AdapterResult Voided(StripeEvent stripe)
    {
        var note = stripe.Object;
        if (!stripe.TryRequire("id", out var id, out var failure))
        {
            return failure;
        }

        if (note.At("customer_balance_transaction") is null or { ValueKind: JsonValueKind.Null })
        {
            return stripe.NoMoney("nothing of the voided credit note went onto the customer's balance, so nothing was booked from credit_note.created to take back "
                + "(a refund it made is booked and taken back by the refund's own events)");
        }

        if (note.IdAt("invoice") is not { } invoice)
        {
            return StripeEvent.Missing("invoice");
        }

        return AdapterResult.Of(stripe.Describe(EventMeaning.Cancellation, new SourceObject("credit_note", id)) with
        {
            Original = new SourceObject("invoice", invoice),
            VoidedBalanceCredit = id,
        });
    }

    public static AdapterResult Created(StripeEvent stripe)
    {
        var note = stripe.Object;
        if (!stripe.TryRequire("id", out var id, out var failure))
        {
            return failure;
        }

        if (note.Text("status") == "void")
        {
            return stripe.NoMoney("the credit note was voided before it was booked: nothing was credited");
        }

        if (stripe.Currency is not { } currency)
        {
            return StripeEvent.Missing("currency");
        }

        if (!stripe.TryRequireAmount("total", currency, out var total, out failure))
        {
            return failure;
        }

        decimal Amount(long? minorUnits) => minorUnits is { } units ? StripeMoney.FromMinorUnits(units, currency) : 0m;
        var postPayment = note.Long("post_payment_amount") is { } stated ? Amount(stated)
            : note.Text("type") == "post_payment" ? total : 0m;
        if (postPayment <= 0m)
        {
            return stripe.NoMoney("the credit note was issued before the invoice was paid: it is booked with the invoice, from invoice.paid's pre_payment_credit_notes_amount");
        }

        if (note.IdAt("invoice") is not { } invoice)
        {
            return StripeEvent.Missing("invoice");
        }

        var outOfBand = Math.Max(Amount(note.Long("out_of_band_amount")), 0m);
        var refunds = Refunds(note, currency);
        if (refunds.Amount is null && note.At("customer_balance_transaction") is { ValueKind: JsonValueKind.String })
        {
            return AdapterResult.Fail("data.object.customer_balance_transaction",
                $"Credit note {id} names a refund and a customer balance transaction by their ids alone, so what it credited to the customer's balance is not known: "
                + "expand refund or customer_balance_transaction on the webhook, or book the credit by hand.");
        }

        if (Credited(note, currency, postPayment - outOfBand - (refunds.Amount ?? 0m)) is not { } credited)
        {
            return AdapterResult.Fail("data.object.post_payment_amount",
                $"Credit note {id} refunds and credits outside of Stripe more than it gives back after payment ({Money.Show(postPayment)}), so what it credited to the customer's balance is not known.");
        }

        var notes = new List<string>();
        if (refunds.Named)
        {
            notes.Add($"CREDIT_NOTE_REFUNDED: {(refunds.Amount is { } refunded ? Money.Show(refunded) : "part")} of credit note {id} was refunded; the refund's own event books it as a refund of the invoice, not this one.");
        }

        if (outOfBand > 0m)
        {
            notes.Add($"OUT_OF_BAND_NOT_BOOKED: {Money.Show(outOfBand)} of credit note {id} is credited outside of Stripe (out_of_band_amount), from an account Stripe does not name: "
                + "record that money going back by hand, from the account that paid it.");
        }

        if (credited <= 0m)
        {
            return stripe.NoMoney($"nothing of the credit note went onto the customer's balance. {string.Join(' ', notes)}".TrimEnd());
        }

        var date = note.Date("effective_at") ?? note.Date("created") ?? stripe.Created ?? default;
        return AdapterResult.Of(stripe.Describe(EventMeaning.Refund, new SourceObject("credit_note", id)) with
        {
            Original = new SourceObject("invoice", invoice),
            BalanceCredit = new BalanceCredit
            {
                CreditId = id,
                Amount = credited,
                Currency = currency,
                Date = date,
                Number = note.Text("number"),
                Credited = AsSale(note, currency, total, date),
                Notes = notes,
            },
        });
    }

    /// <summary>
    /// What went onto the customer's balance: nothing without a <c>customer_balance_transaction</c>; the transaction's credit
    /// when it is expanded; else the post-payment amount less what was refunded and credited outside of Stripe
    /// (<paramref name="rest"/>). Null when that rest is below zero (the amounts do not add up).
    /// </summary>
    private static decimal? Credited(JsonElement note, string currency, decimal rest) => note.At("customer_balance_transaction") switch
    {
        null or { ValueKind: JsonValueKind.Null } => 0m,
        { ValueKind: JsonValueKind.Object } transaction when transaction.Long("amount") is { } amount => Math.Max(-StripeMoney.FromMinorUnits(amount, currency), 0m),
        _ => rest >= 0m ? rest : null,
    };

    /// <summary>
    /// The refunds of the credit note: named at all, and how much they come to (null when a refund is named by its id alone,
    /// as <c>refund</c> is unless expanded).
    /// </summary>
    private static (bool Named, decimal? Amount) Refunds(JsonElement note, string currency)
    {
        var listed = note.Array("refunds").ToList();
        if (listed.Count > 0)
        {
            return (true, StripeMoney.FromMinorUnits(listed.Sum(refund => refund.Long("amount_refunded") ?? 0), currency));
        }

        return note.At("refund") switch
        {
            null or { ValueKind: JsonValueKind.Null } => (false, 0m),
            { ValueKind: JsonValueKind.Object } refund when refund.Long("amount") is { } amount => (true, StripeMoney.FromMinorUnits(amount, currency)),
            _ => (true, null),
        };
    }

    /// <summary>
    /// The whole credit note as a sale of its own: its lines (each naming the invoice line it credits), their discounts and
    /// the tax by rate; null when it lists none.
    /// </summary>
    private static Sale? AsSale(JsonElement note, string currency, decimal total, DateOnly date)
    {
        var taxes = StripeInvoiceTaxes.Read(note, currency);
        var lines = note.Array("lines.data")
            .Select(line => StripeInvoiceLine.Read(line, currency).ToSaleLine(taxes.AllInclusive, currency) with { SourceId = line.IdAt("invoice_line_item") })
            .ToList();
        return lines.Count == 0 ? null : new Sale
        {
            Currency = currency,
            Date = date,
            Number = note.Text("number"),
            Customer = new Party(),
            Lines = lines,
            Taxes = taxes.Lines,
            PricesIncludeTax = taxes.AllInclusive,
            Total = total,
        }.Reconciled();
    }
}
