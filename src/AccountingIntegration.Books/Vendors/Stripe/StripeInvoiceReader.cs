using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// Invoice events. An invoice is booked once, when it is paid, as a sale with its payment: Stripe sends
/// invoice.paid for every way an invoice gets paid, out-of-band payments included
/// (https://docs.stripe.com/billing/subscriptions/webhooks), so the earlier lifecycle events book nothing.
/// </summary>
internal static class StripeInvoiceReader
{
    public static AdapterResult Paid(StripeEvent stripe)
    {
        var invoice = stripe.Object;
        if (!stripe.TryRequire("id", out var id, out var failure))
        {
            return failure;
        }

        if (stripe.Currency is not { } currency)
        {
            return StripeEvent.Missing("currency");
        }

        if (!stripe.TryRequireAmount("total", currency, out var total, out failure)
            || !stripe.TryRequireAmount("amount_paid", currency, out var paid, out failure))
        {
            return failure;
        }

        if (total == 0 && paid == 0)
        {
            return stripe.NoMoney("the invoice came to zero (a free trial or a full discount): no money moved");
        }

        if (total < 0)
        {
            return CreditedToBalance(stripe, id, invoice, currency, total);
        }

        var sale = Settled(ReadSale(invoice, currency, total, stripe.Created), invoice, currency, paid);
        var aliases = PaymentNames(invoice).ToList();
        return AdapterResult.Of(stripe.Describe(EventMeaning.Sale, new SourceObject("invoice", id)) with
        {
            Aliases = aliases,
            FullerThanItsAliases = true,
            Sale = sale,
            Paid = paid,
            Payment = paid == 0 ? null : new PaymentInfo
            {
                Amount = paid,
                Currency = currency,
                Date = invoice.Date("status_transitions.paid_at") ?? stripe.Created ?? sale.Date,
                Reference = aliases.Select(alias => alias.Id).FirstOrDefault() ?? id,
                Payer = sale.Customer,
            },
        });
    }

    /// <summary>
    /// What paid the invoice besides the money collected (<c>amount_paid</c>), so the books show it paid as Stripe does
    /// (https://docs.stripe.com/api/invoices/object):
    /// <list type="bullet">
    /// <item><c>pre_payment_credit_notes_amount</c>, "the total amount of all pre-payment credit notes issued for this
    /// invoice": a credit note issued before payment reduces the invoice's <c>amount_due</c>
    /// (https://docs.stripe.com/api/credit_notes/create), so less was sold than its <c>total</c>.</item>
    /// <item>The customer balance applied: a negative <c>starting_balance</c> is credit Stripe applies to the invoice when it
    /// is finalized (https://docs.stripe.com/billing/customer/balance), and what is left is the <c>ending_balance</c>; the
    /// difference was spent on this invoice. Without an ending balance, as much of the credit as the invoice could take.</item>
    /// <item><c>amount_overpaid</c> (from API 2025-03-31.basil), "amount that was overpaid on the invoice… credited to the
    /// customer's credit balance": collected, and owed back to the customer.</item>
    /// </list>
    /// What still falls short of the total is said in the sync log: the invoice is then left open in A/R by that much.
    /// </summary>
    private static Sale Settled(Sale sale, JsonElement invoice, string currency, decimal paid)
    {
        decimal Amount(long? minorUnits) => minorUnits is { } units ? StripeMoney.FromMinorUnits(units, currency) : 0m;
        var creditNotes = Math.Min(Math.Max(Amount(invoice.Long("pre_payment_credit_notes_amount")), 0m), sale.Total);
        var customerBalance = 0m;
        if (invoice.Long("starting_balance") is < 0 and var starting)
        {
            var credit = -Amount(starting);
            customerBalance = invoice.Long("ending_balance") is { } ending
                ? Math.Clamp(Amount(ending) + credit, 0m, credit)
                : Math.Min(credit, sale.Total - creditNotes);
        }

        customerBalance = Math.Min(customerBalance, sale.Total - creditNotes);
        var overpaid = Math.Max(Amount(invoice.Long("amount_overpaid")), 0m);
        var open = sale.Total - creditNotes - customerBalance - (paid - overpaid);
        var notes = open <= 0m
            ? sale.Notes
            : invoice.Bool("paid_out_of_band") == true
                // Marked paid outside Stripe (a cheque, a bank transfer): Stripe does not say how much, nor into which account
                // (https://docs.stripe.com/api/invoices/object#invoice_object-paid_out_of_band). Left open, the invoice is there
                // for the payment to be received where the money went, as a bank feed match does.
                ? [.. sale.Notes, $"PAID_OUTSIDE_STRIPE: the invoice was marked paid outside Stripe; its {Money.Show(open)} not collected by Stripe is left owing "
                    + "on the invoice, to be received where the money went (the bank deposit or a receive payment)."]
                : [.. sale.Notes, $"INVOICE_LEFT_OPEN: Stripe marks the invoice paid, but its total {Money.Show(sale.Total)} is {Money.Show(open)} more than what paid it "
                    + $"(credit notes {Money.Show(creditNotes)}, customer balance {Money.Show(customerBalance)}, collected {Money.Show(paid - overpaid)}); "
                    + "that much is left owing on the invoice: settle it by hand."];
        return sale with { CreditNotes = creditNotes, CustomerBalance = customerBalance, Overpaid = Math.Min(overpaid, paid), Notes = notes };
    }

    /// <summary>
    /// An invoice whose total is below zero: its credits (a downgrade's "Unused time on …" proration) outweigh its charges.
    /// Stripe collects nothing, marks it paid and adds what it comes to to the customer's credit balance, which pays their next
    /// invoices (https://docs.stripe.com/billing/customer/balance: "prorations from downgrading a subscription can indirectly
    /// create credits"; the invoice's <c>ending_balance</c> is its <c>starting_balance</c> plus its <c>total</c>,
    /// https://docs.stripe.com/api/invoices/object). Read with every amount's sign turned, it is a sale of the credits, the
    /// charges on it taking them down as a discount does, whose total goes onto the customer's balance.
    /// </summary>
    private static AdapterResult CreditedToBalance(StripeEvent stripe, string id, JsonElement invoice, string currency, decimal total)
    {
        var credit = ReadSale(invoice, currency, -total, stripe.Created, turned: true) with { CreditsCustomerBalance = true };
        return AdapterResult.Of(stripe.Describe(EventMeaning.Sale, new SourceObject("invoice", id)) with
        {
            Aliases = [.. PaymentNames(invoice)],
            FullerThanItsAliases = true,
            Sale = credit with
            {
                Notes = [.. credit.Notes, $"The invoice comes to {Money.Show(total)}: its {Money.Show(-total)} of credit goes onto the customer's balance with Stripe, "
                    + "booked as owed to the customer until a later invoice spends it."],
            },
        });
    }

    public static AdapterResult Voided(StripeEvent stripe)
    {
        if (!stripe.TryRequire("id", out var id, out var failure))
        {
            return failure;
        }

        var invoice = new SourceObject("invoice", id);
        return AdapterResult.Of(stripe.Describe(EventMeaning.Cancellation, invoice) with
        {
            Original = invoice,
            // When it was voided (https://docs.stripe.com/api/invoices/object#invoice_object-status_transitions-voided_at).
            CancelledOn = stripe.Object.Date("status_transitions.voided_at") ?? stripe.Created,
        });
    }

    /// <summary>The invoice as a sale; <paramref name="turned"/>, with every amount's sign turned (<see cref="CreditedToBalance"/>).</summary>
    private static Sale ReadSale(JsonElement invoice, string currency, decimal total, DateOnly? eventDate, bool turned = false)
    {
        var taxes = StripeInvoiceTaxes.Read(invoice, currency);
        var lines = invoice.Array("lines.data")
            .Select(line => StripeInvoiceLine.Read(line, currency).ToSaleLine(taxes.AllInclusive, currency))
            .Select(line => turned ? Turned(line) : line)
            .ToList();
        var taxLines = turned ? [.. taxes.Lines.Select(tax => tax with { Amount = -tax.Amount })] : taxes.Lines;

        // Proration credits ("Unused time on Pro") are negative lines; the books keep amounts positive, so a
        // credit reduces the sale as a discount does.
        var credits = lines.Where(line => line.Amount - line.Discount < 0).Sum(line => line.Discount - line.Amount);

        // An invoice's shipping is not a line (https://docs.stripe.com/api/invoices/object#invoice_object-shipping_cost).
        var shipping = !turned && invoice.Long("shipping_cost.amount_subtotal") is > 0 and var shippingMinorUnits
            ? new Charge("Shipping", StripeMoney.FromMinorUnits(shippingMinorUnits, currency))
            {
                Tax = StripeMoney.FromMinorUnits(invoice.Long("shipping_cost.amount_tax") ?? 0, currency),
            }
            : null;

        // The lines may not cover the total: a webhook carries the first page of lines only
        // (lines.has_more), and Stripe's totals are what was charged; Reconciled keeps the difference visible.
        var sale = new Sale
        {
            Currency = currency,
            Date = invoice.Date("effective_at") ?? invoice.Date("status_transitions.finalized_at") ?? invoice.Date("created") ?? eventDate ?? default,
            Number = invoice.Text("number"),
            Customer = StripeParties.FromInvoice(invoice),
            Lines = [.. lines.Where(line => line.Amount - line.Discount >= 0)],
            Shipping = shipping is null ? [] : [shipping],
            OrderDiscount = credits,
            Taxes = taxLines,
            PricesIncludeTax = taxes.AllInclusive,
            Total = total,
            Memo = invoice.Text("description"),
        };
        return WithShippingTax(sale, shipping).Reconciled();
    }

    private static SaleLine Turned(SaleLine line) => line with
    {
        UnitPrice = -line.UnitPrice,
        Amount = -line.Amount,
        Discount = -line.Discount,
        Tax = -line.Tax,
    };

    /// <summary>
    /// The tax on shipping (<c>shipping_cost.amount_tax</c>, "Total tax amount applied due to shipping costs") belongs to the
    /// sale's tax. Stripe's per-rate summary is of the line items; when the parts fall short of the total by exactly the
    /// shipping's tax, that tax is added as a tax line, so it is owed rather than booked as an adjustment to income.
    /// </summary>
    private static Sale WithShippingTax(Sale sale, Charge? shipping)
    {
        if (shipping is not { Tax: > 0m } || sale.PricesIncludeTax || sale.Total - sale.ComputedTotal != shipping.Tax)
        {
            return sale;
        }

        var rates = sale.Taxes.Select(tax => tax.Rate).Distinct().ToList();
        return sale with { Taxes = [.. sale.Taxes, new TaxLine("Tax on shipping", rates.Count == 1 ? rates[0] : null, shipping.Tax)] };
    }

    /// <summary>
    /// The payment's other names, so refunds and disputes that name the charge or payment intent find the
    /// invoice: <c>charge</c> and <c>payment_intent</c> before 2025-03-31, the included
    /// <c>payments.data[].payment</c> after (https://docs.stripe.com/api/invoice-payment/object).
    /// </summary>
    private static IEnumerable<SourceObject> PaymentNames(JsonElement invoice)
    {
        var names = new List<SourceObject>();
        if (invoice.IdAt("charge") is { } charge)
        {
            names.Add(new SourceObject("charge", charge));
        }

        if (invoice.IdAt("payment_intent") is { } paymentIntent)
        {
            names.Add(new SourceObject("payment_intent", paymentIntent));
        }

        foreach (var payment in invoice.Array("payments.data"))
        {
            if (payment.IdAt("payment.charge") is { } paymentCharge)
            {
                names.Add(new SourceObject("charge", paymentCharge));
            }

            if (payment.IdAt("payment.payment_intent") is { } paymentIntentOfPayment)
            {
                names.Add(new SourceObject("payment_intent", paymentIntentOfPayment));
            }
        }

        return names.Distinct();
    }
}
