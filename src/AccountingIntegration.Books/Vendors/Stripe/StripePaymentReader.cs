using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Stripe;

/// <summary>
/// Payments that no invoice books. Each is booked once, as a sale paid at once, by exactly one event:
/// payment_intent.succeeded for every payment made through a PaymentIntent (Checkout, Payment Element,
/// Terminal: Stripe's payments since 2019, https://docs.stripe.com/payments/payment-intents), and
/// charge.succeeded or charge.captured only for a charge made directly through the Charges API, which has
/// no payment intent. A charge with a payment intent, and any payment of an invoice, books nothing here.
/// </summary>
internal static class StripePaymentReader
{
    public static AdapterResult PaymentIntentSucceeded(StripeEvent stripe)
    {
        var paymentIntent = stripe.Object;
        if (!stripe.TryRequire("id", out var id, out var failure))
        {
            return failure;
        }

        if (StripeInvoicePayments.InvoiceOf(paymentIntent, stripe.ApiVersion) is { } invoice)
        {
            return stripe.NoMoney($"it pays {invoice}, which invoice.paid books with its lines");
        }

        if (stripe.Currency is not { } currency)
        {
            return StripeEvent.Missing("currency");
        }

        if (!stripe.TryRequireAmount("amount_received", currency, out var received, out failure))
        {
            return failure;
        }

        if (received == 0)
        {
            return stripe.NoMoney("the payment intent received nothing: no money moved");
        }

        // The successful charge: latest_charge from 2022-11-15, the embedded charges list before.
        var charges = paymentIntent.Array("charges.data")
            .Where(charge => charge.Text("status") == "succeeded")
            .Select(charge => charge.Text("id"))
            .Append(paymentIntent.IdAt("latest_charge"))
            .OfType<string>()
            .Distinct()
            .Select(charge => new SourceObject("charge", charge))
            .ToList();

        var tip = StripeMoney.FromMinorUnits(paymentIntent.Long("amount_details.tip.amount") ?? 0, currency);
        var method = paymentIntent.Array("charges.data").Select(charge => charge.Text("payment_method_details.type")).OfType<string>().FirstOrDefault()
            ?? paymentIntent.Array("payment_method_types").Select(type => type.GetString()).OfType<string>().FirstOrDefault();
        var described = paymentIntent.Text("description") is { } description ? $"Payment {description}" : $"Payment {id}";
        return AdapterResult.Of(stripe.Describe(EventMeaning.Sale, new SourceObject("payment_intent", id)) with
        {
            Aliases = charges,
            Sale = OneLineSale(described, received, tip, currency, stripe.Created ?? paymentIntent.Date("created"), StripeParties.FromPaymentIntent(paymentIntent)),
            Paid = received,
            Payment = Payment(received, currency, stripe.Created ?? paymentIntent.Date("created"), charges.Select(charge => charge.Id).FirstOrDefault() ?? id, method, 0m),
        });
    }

    /// <summary>charge.succeeded and charge.captured: a sale only for a captured charge that nothing else books.</summary>
    public static AdapterResult ChargeMoved(StripeEvent stripe)
    {
        var charge = stripe.Object;
        if (!stripe.TryRequire("id", out var id, out var failure))
        {
            return failure;
        }

        if (StripeInvoicePayments.InvoiceOf(charge, stripe.ApiVersion) is { } invoice)
        {
            return stripe.NoMoney($"it pays {invoice}, which invoice.paid books with its lines");
        }

        if (charge.IdAt("payment_intent") is { } paymentIntent)
        {
            return stripe.NoMoney($"the charge belongs to payment intent {paymentIntent}; payment_intent.succeeded books the payment once");
        }

        // paid and status say the charge succeeded, which for an uncaptured charge means only authorized
        // (https://docs.stripe.com/api/charges/object#charge_object-paid). captured and amount_captured say
        // whether money moved; Stripe's own generated fixture has paid: true with captured: false and
        // amount_captured 0, an authorization that books nothing until charge.captured.
        if (charge.Bool("captured") != true || charge.Long("amount_captured") == 0)
        {
            return stripe.NoMoney("the charge is only authorized, not captured: no money moved yet (charge.captured books it)");
        }

        if (stripe.Currency is not { } currency)
        {
            return StripeEvent.Missing("currency");
        }

        // amount_captured (2019-08-14 onwards) may be less than amount after a partial capture; older
        // versions captured the whole amount.
        var capturedPath = charge.Long("amount_captured") is not null ? "amount_captured" : "amount";
        if (!stripe.TryRequireAmount(capturedPath, currency, out var captured, out failure))
        {
            return failure;
        }

        var described = charge.Text("description") is { } description ? $"Charge {description}" : $"Charge {id}";
        var fee = charge.At("balance_transaction") is { ValueKind: JsonValueKind.Object } balance && balance.Long("fee") is { } feeMinorUnits
            ? StripeMoney.FromMinorUnits(feeMinorUnits, currency)
            : 0m;
        return AdapterResult.Of(stripe.Describe(EventMeaning.Sale, new SourceObject("charge", id)) with
        {
            Sale = OneLineSale(described, captured, 0m, currency, stripe.Created ?? charge.Date("created"), StripeParties.FromCharge(charge)),
            Paid = captured,
            Payment = Payment(captured, currency, stripe.Created ?? charge.Date("created"), id, charge.Text("payment_method_details.type"), fee),
        });
    }

    private static Sale OneLineSale(string description, decimal amount, decimal tip, string currency, DateOnly? date, Party customer)
    {
        // A Terminal tip is part of the amount received (https://docs.stripe.com/terminal/features/collecting-tips/on-reader).
        var tipped = tip > 0 && tip <= amount;
        var itemAmount = tipped ? amount - tip : amount;
        return new Sale
        {
            Currency = currency,
            Date = date ?? default,
            Customer = customer,
            Lines = [new SaleLine { Description = description, Quantity = 1, UnitPrice = itemAmount, Amount = itemAmount, Taxable = false }],
            Tips = tipped ? [new Charge("Tip", tip)] : [],
            Total = amount,
            TaxNotStated = true,
        };
    }

    private static PaymentInfo Payment(decimal amount, string currency, DateOnly? date, string reference, string? method, decimal fee) => new()
    {
        Amount = amount,
        Currency = currency,
        Date = date ?? default,
        Reference = reference,
        Method = method,
        Fee = fee,
    };
}
