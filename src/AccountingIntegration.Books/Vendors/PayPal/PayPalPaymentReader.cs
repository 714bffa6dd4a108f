using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.PayPal;

/// <summary>
/// PAYMENTS.PAYMENT.CREATED, the v1 Payments API: the buyer approved a payment whose transactions list the
/// items, the amount broken down, and the sale that settled it (<c>related_resources[].sale</c>)
/// (https://developer.paypal.com/api/deprecated/payments/v1/). It is the only v1 event that carries the
/// items, so it books the sale; the settled part is its payment. PAYMENT.SALE.COMPLETED for the same sale
/// books nothing, or the payment would be counted twice.
/// </summary>
internal static class PayPalPaymentReader
{
    public static AdapterResult Created(PayPalNotification paypal)
    {
        var payment = paypal.Resource;
        var state = payment.Text("state");
        if (state != "approved")
        {
            return paypal.NoMoney(state == "failed"
                ? "the payment failed: no money moved"
                : $"the payment is {state ?? "of unknown state"}, not yet approved by the buyer: no money moved");
        }

        if (!paypal.TryRequire("id", out var id, out var failure))
        {
            return failure;
        }

        var transactions = payment.Array("transactions").ToList();
        var amounts = transactions.Select(transaction => transaction.At("amount") is { } amount ? PayPalV1Amount.Read(amount) : null).ToList();
        if (amounts.Count == 0 || amounts.Any(amount => amount is null))
        {
            return PayPalNotification.Missing("transactions.amount");
        }

        var parts = amounts.OfType<PayPalV1Amount>().ToList();
        var currency = parts[0].Currency;
        if (parts.Any(part => part.Currency != currency))
        {
            return AdapterResult.Fail("resource.transactions.amount.currency", "The payment's transactions are in different currencies; one sale cannot hold them.");
        }

        var settled = transactions
            .SelectMany(transaction => transaction.Array("related_resources"))
            .Select(related => related.At("sale"))
            .OfType<JsonElement>()
            .ToList();
        var completed = settled.Where(sale => sale.Text("state") == "completed").ToList();
        var paid = completed.Sum(sale => sale.Decimal("amount.total") ?? 0m);
        var customer = Payer(payment, transactions);

        var sale = new Sale
        {
            Currency = currency,
            Date = paypal.ResourceDate ?? default,
            Number = transactions.Select(transaction => transaction.Text("invoice_number")).OfType<string>().FirstOrDefault(),
            Customer = customer,
            Lines = [.. transactions.SelectMany(transaction => transaction.Array("item_list.items")).Select(item => Line(item, currency))],
            Shipping = [.. parts.Select(part => part.Shipping).OfType<Charge>()],
            Fees = [.. parts.SelectMany(part => part.Fees)],
            OrderDiscount = parts.Sum(part => part.OrderDiscount),
            Taxes = [.. parts.SelectMany(part => part.Taxes)],
            Total = parts.Sum(part => part.Total),
            Memo = transactions.Select(transaction => transaction.Text("description")).OfType<string>().FirstOrDefault(),
        }.Reconciled();

        var settlement = completed.FirstOrDefault();
        return AdapterResult.Of(paypal.Describe(EventMeaning.Sale, new SourceObject("payment", id)) with
        {
            Aliases = [.. settled.Select(related => related.Text("id")).OfType<string>().Select(saleId => new SourceObject("sale", saleId))],
            Sale = sale,
            Paid = paid,
            Payment = paid == 0 ? null : new PaymentInfo
            {
                Amount = paid,
                Currency = currency,
                Date = settlement.Date("create_time") ?? sale.Date,
                Reference = settlement.Text("id"),
                Fee = completed.Sum(related => related.Decimal("transaction_fee.value") ?? 0m),
                Method = payment.Text("payer.payment_method"),
                Payer = customer,
            },
        });
    }

    /// <summary>An item: its price and tax are per unit, so the fixture's 5 hats at 3.00 with 0.01 tax come to 15.00 and 0.05.</summary>
    private static SaleLine Line(JsonElement item, string currency)
    {
        var quantity = item.Decimal("quantity") ?? 1m;
        var price = item.Decimal("price") ?? 0m;
        var tax = Money.Round((item.Decimal("tax") ?? 0m) * quantity, currency);
        var name = item.Text("name");
        var description = item.Text("description");
        return new SaleLine
        {
            Description = (name, description) switch
            {
                ({ } itemName, { } details) when itemName != details => $"{itemName} - {details}",
                ({ } itemName, _) => itemName,
                (null, { } details) => details,
                _ => "PayPal item",
            },
            ItemKey = item.Text("sku") ?? name,
            Quantity = quantity,
            UnitPrice = price,
            Amount = Money.Round(price * quantity, currency),
            Tax = tax,
            Taxable = tax != 0,
        };
    }

    /// <summary>The payer's details (<c>payer.payer_info</c>) and where the items went.</summary>
    private static Party Payer(JsonElement payment, IReadOnlyList<JsonElement> transactions)
    {
        var info = payment.At("payer.payer_info") ?? default;
        var name = string.Join(' ', new[] { info.Text("first_name"), info.Text("last_name") }.OfType<string>());
        var shipTo = info.At("shipping_address") ?? transactions.Select(transaction => transaction.At("item_list.shipping_address")).OfType<JsonElement>().FirstOrDefault();
        return new Party
        {
            Email = info.Text("email"),
            Name = name.Length > 0 ? name : null,
            Phone = info.Text("phone"),
            ExternalId = info.Text("payer_id"),
            BillingAddress = Address(info.At("billing_address")),
            ShippingAddress = Address(shipTo),
        };
    }

    private static Address? Address(JsonElement? address) => address is { ValueKind: JsonValueKind.Object } found
        ? new Address
        {
            Line1 = found.Text("line1"),
            Line2 = found.Text("line2"),
            City = found.Text("city"),
            Region = found.Text("state"),
            PostalCode = found.Text("postal_code"),
            Country = found.Text("country_code"),
        }
        : null;
}
