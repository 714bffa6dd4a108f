using System.Text.Json.Nodes;

namespace AccountingIntegration.Books;

/// <summary>
/// Refunds: each refund of the event, by its own id, as a refund receipt paid out of Undeposited Funds and linked
/// to the sale, or as a credit memo applied to the sale's invoice. The money that went back is the vendor's refund
/// amount; the returned lines describe it when they add up, else one line carries it. A refund that states only its
/// amount is that share of its sale's lines and tax, when the sale's lines are at hand. A refund whose money came back
/// (<see cref="RefundInfo.Reinstated"/>) is the same lines as a sales receipt.
/// </summary>
internal static class RefundPlans
{
    public static BookingPlan Plan(SourceEvent sourceEvent, EventAction action, CompanyRegime regime, BookingSettings settings, SaleOnRecord? sale)
    {
        if (sourceEvent.Refunds.Count == 0)
        {
            return BookingPlan.Refused("Refunds", $"{sourceEvent.EventType} carries no refund to book.");
        }

        var documents = new List<PlannedDocument>();
        var notes = new List<string>();
        // The sale the refunds give money back on, with its lines: delivered with them, or as stated when it was booked.
        var refunded = sourceEvent.Sale ?? sale?.Stated;
        var told = new List<RefundInfo>();
        foreach (var refund in sourceEvent.Refunds)
        {
            var (named, problem) = ReturnedLines.OnTheSoldLines(TheMoney(refund, sale, refunded), refunded);
            if (problem is not null)
            {
                return new BookingPlan([], [], [problem]);
            }

            told.Add(named);
        }

        foreach (var refund in told)
        {
            var currency = refund.Currency is { Length: > 0 } stated ? stated : sale?.Currency ?? regime.HomeCurrency;
            if (sale?.Currency is { Length: > 0 } booked && !booked.Equals(currency, StringComparison.OrdinalIgnoreCase))
            {
                // Money back in the customer's currency on a sale booked in the shop's: a document in another currency
                // cannot go back against it, and converting at a guessed rate would book the wrong amount.
                return BookingPlan.Refused("Refunds[].Currency",
                    $"Refund {refund.RefundId} is in {currency}, but its sale was booked in {booked}, and the refund states no amount in {booked} to convert it with.");
            }

            // Money come back of the whole sale is the whole sale, whatever its refunds so far: among them may be the chargeback it
            // reverses, under an id of its own (Paddle names the transaction, not the chargeback).
            var soFar = refund.Reinstated && refund.Amount == refunded?.Total ? [refund] : SoFar(told, sale);
            var share = ShareOf(refunded, soFar, refund, currency, regime, settings);
            if (share is not null && share.Total != refunded!.Total)
            {
                notes.Add(RefundShares.Note(refund, refunded));
            }

            // A refund is converted at its own day's rate: the vendor's when it states one, else QBO's of the day, nearer than the sale's.
            // Returned lines state their tax as the vendor shares a line's tax among its units: QBO's tax on the units' amount is moved to it.
            var returned = share ?? PerLineShares.Of(AsSale(refund, currency, settings, refunded), regime, settings);
            var built = SaleDocument.Build(returned with { ConvertedAt = refund.ConvertedAt }, regime, settings);
            if (built.Problems.Count > 0)
            {
                return new BookingPlan([], [], built.Problems);
            }

            notes.AddRange(built.Notes);
            var body = built.Body;
            body["CustomerRef"] = DocumentPlanner.Ref(Placeholders.CustomerOf(DocumentPlanner.SaleRole));
            // Of the sale it gives money back on: a refund event's own subject is often the refund itself (Stripe's re_…, Shopify's).
            body["PrivateNote"] = $"Refund {refund.RefundId} of {SalePlans.Note(sourceEvent, sourceEvent.Original)}" + (refund.Reinstated ? " came back" : string.Empty)
                + (refund.Reason is { Length: > 0 } reason ? $": {reason}" : string.Empty);
            if (refund.Reinstated)
            {
                documents.Add(Reinstated(refund, body, built.Tax));
                continue;
            }

            if (action == EventAction.CreditMemo)
            {
                documents.Add(new PlannedDocument { Role = DocumentPlanner.CreditRole(refund.RefundId), EntityType = "CreditMemo", Body = body, Total = refund.Amount, Tax = built.Tax });
                documents.Add(Application(refund));
                continue;
            }

            body["DepositToAccountRef"] = DocumentPlanner.Ref(Placeholders.UndepositedFunds);
            body["LinkedTxn"] = new JsonArray(new JsonObject
            {
                ["TxnId"] = Placeholders.Document(DocumentPlanner.SaleRole),
                ["TxnType"] = sale?.EntityType ?? "Invoice",
            });
            documents.Add(new PlannedDocument { Role = DocumentPlanner.RefundRole(refund.RefundId), EntityType = "RefundReceipt", Body = body, Total = refund.Amount, Tax = built.Tax });
            if (refund.ToGiftCards > 0)
            {
                var issued = GiftCardTenders.Issued(sourceEvent, refund, currency, regime, settings);
                if (!issued.IsValid)
                {
                    return issued;
                }

                documents.AddRange(issued.Documents);
            }
        }

        return new BookingPlan(documents, notes, []);
    }

    /// <summary>
    /// What went back. A refund whose lines, tax and shipping come to more than its money, the difference a discrepancy, of
    /// an invoice not paid in full, is an order cancelled after its deposit: Shopify lists every line cancelled with its
    /// whole price and tax, refunds the deposit, and records the rest as a discrepancy ("if you choose to refund line items
    /// for less than their calculated amount, then an order adjustment is created automatically to account for the
    /// discrepancy", https://shopify.dev/docs/api/admin-rest/2023-10/resources/refund). The lines say what was cancelled,
    /// not what the money was: the money is the part paid, and goes back as that share of the sale, its goods and tax,
    /// while the cancellation credits the unpaid rest as the share left (<see cref="CancellationPlans"/>), so the two give
    /// back the sale's tax once. Given back with all the lines' tax, the deposit would take back tax the credit takes too.
    /// Of a sale paid in full, the difference is a fee kept of a return, and the lines say what went back. Whether the lines'
    /// amounts hold their tax is the sale's to say (<see cref="Sale.PricesIncludeTax"/>); without the sale at hand, they are
    /// taken to be net of it, as most shops state them.
    /// </summary>
    private static RefundInfo TheMoney(RefundInfo refund, SaleOnRecord? sale, Sale? sold) =>
        refund.ListsMoreThanItsMoney(sold?.PricesIncludeTax ?? false) && sale is { Unpaid: > 0m } ? refund.AsItsMoneyAlone() : refund;

    /// <summary>
    /// A refund that says nothing of what it gave back (no lines, no tax, no shipping), or that gives back the whole sale,
    /// of a sale whose lines are at hand (delivered with it, or as its vendor stated it when it was booked), as its share
    /// of that sale (<see cref="RefundShares"/>); null otherwise.
    /// </summary>
    private static Sale? ShareOf(Sale? sold, IReadOnlyList<RefundInfo> refunds, RefundInfo refund, string currency, CompanyRegime regime, BookingSettings settings) =>
        sold is not null
        && sold.Currency.Equals(currency, StringComparison.OrdinalIgnoreCase)
        && refund.IsBookedFromItsSale(sold.Total)
        && (refund.StatesOnlyItsAmount || GivesBackItsTaxAndShipping(sold, refund))
            ? RefundShares.Of(sold, refunds, refund, regime, settings)
            : null;

    /// <summary>
    /// A refund without lines of the sale's whole total (a Paddle full refund states only its totals) that gives back its
    /// tax and shipping too: the sale itself, booked again as it was, each product's income and tax code and its prices with
    /// or without tax. Booked as one line of its stated tax instead, QBO's tax on it could be a penny from the tax it
    /// computed on the sale's lines.
    /// </summary>
    private static bool GivesBackItsTaxAndShipping(Sale sold, RefundInfo refund) =>
        refund.Tax == sold.TaxTotal && refund.Shipping == sold.Shipping.Sum(c => c.Amount - c.Discount);

    /// <summary>
    /// Every refund of the sale so far: those the event lists, then those booked before that it does not (older, so listed
    /// after it, as vendors list refunds newest first).
    /// </summary>
    private static List<RefundInfo> SoFar(IReadOnlyList<RefundInfo> told, SaleOnRecord? sale)
    {
        var ids = told.Select(refund => refund.RefundId).ToHashSet(StringComparer.Ordinal);
        return [.. told, .. (sale?.RefundedBefore ?? []).Where(refund => !ids.Contains(refund.RefundId))];
    }

    /// <summary>
    /// The refund as a sale of its own, so it is shaped exactly like the sale it reverses (same items, tax and rounding
    /// rules). <paramref name="sold"/> is its sale, when at hand: whether its prices include tax
    /// (<see cref="Sale.PricesIncludeTax"/>: the returned lines' amounts, and shipping stated as its prices, then hold their
    /// tax), where it was supplied (<see cref="Sale.PlaceOfSupply"/>), the rate its shipping was taxed at, and whether a
    /// merchant of record sold it (<see cref="Sale.SoldThroughMerchantOfRecord"/>), whose tax then goes back to that seller's
    /// clearing item.
    /// </summary>
    private static Sale AsSale(RefundInfo refund, string currency, BookingSettings settings, Sale? sold)
    {
        // The document states its shipping before tax, beside it.
        var shipping = refund.ShippingStatedAsTheSalesPrices && sold?.PricesIncludeTax == true ? refund.Shipping - refund.ShippingTax : refund.Shipping;
        var goods = refund.Amount - refund.Tax - shipping - refund.Duties;
        var lines = refund.Lines.Sum(l => l.Amount - l.Discount) == goods && refund.Lines.Count > 0
            ? refund.Lines
            // Shipping or duties alone went back: no goods line of nothing beside them.
            : goods == 0 && (shipping != 0 || refund.Duties != 0) ? []
            : ReturnedWithTheirTax(refund, goods, settings, sold?.PricesIncludeTax) ?? [new SaleLine
            {
                Description = refund.Lines.Count > 0 ? "Returned: " + string.Join(", ", refund.Lines.Select(l => l.Description)) : "Refund",
                ItemKey = refund.Lines.Count == 1 ? refund.Lines[0].ItemKey : settings.DefaultItem,
                Quantity = 1,
                UnitPrice = goods,
                Amount = goods,
                Taxable = refund.Tax - refund.ShippingTax != 0,
            }];
        return new Sale
        {
            Currency = currency,
            Date = refund.Date,
            Customer = new Party(),
            PlaceOfSupply = sold?.PlaceOfSupply,
            SoldThroughMerchantOfRecord = sold?.SoldThroughMerchantOfRecord ?? false,
            Lines = lines,
            Shipping = shipping == 0 ? [] : [new Charge("Shipping refunded", shipping) { Tax = refund.ShippingTax, TaxRate = ShippingRate(refund, sold) }],
            Fees = refund.Duties == 0 ? [] : [new Charge("Duties refunded", refund.Duties) { IsDuties = true }],
            Taxes = refund.Tax == 0 ? [] : [new TaxLine("Tax refunded", null, refund.Tax)],
            Total = refund.Amount,
        };
    }

    /// <summary>
    /// The rate taxed shipping goes back at: its sale's shipping's, where that was taxed at one rate. The rate a refund's few
    /// cents of tax imply on a small amount is too rough to choose a code by (0.02 on 0.13 is 15.4 %, the HST of NB or NL,
    /// where the sale took Ontario's 13 %); null, the rate its tax implies, otherwise.
    /// </summary>
    private static decimal? ShippingRate(RefundInfo refund, Sale? sold) =>
        refund.ShippingTax != 0m && sold?.Shipping.Select(charge => charge.TaxRate).Distinct().ToList() is [{ } rate] && rate != 0m ? rate : null;

    /// <summary>
    /// Returned lines that state their tax, all of the refund's tax on goods, but whose amounts are not the goods' money:
    /// stated with the tax inside (a shop whose prices include tax states each line's subtotal so), they go back net of
    /// their own tax; and what the money differs from them by (a restocking fee kept, an extra given back, a discrepancy) is
    /// a line of its own, untaxed, as the refund states no tax on it. Whether the amounts hold their tax is the sale's to
    /// say (<paramref name="pricesIncludeTax"/>) of lines stated as its prices are, beside a discrepancy
    /// (<see cref="RefundInfo.LinesStatedAsTheSalesPrices"/>: Shopify's refund line <c>subtotal</c> holds the tax where the
    /// order's <c>taxes_included</c> is true, https://shopify.dev/docs/api/admin-rest/latest/resources/refund); else they
    /// hold it when, net of it, they come to the goods' money. Each returned line keeps its rate, so its tax code; one line
    /// of them all would take a blend of their rates that no code has. Null when the lines state no tax, or not the refund's.
    /// </summary>
    private static List<SaleLine>? ReturnedWithTheirTax(RefundInfo refund, decimal goods, BookingSettings settings, bool? pricesIncludeTax)
    {
        var lineTax = refund.Lines.Sum(l => l.Tax);
        if (refund.Lines.Count == 0 || lineTax == 0 || lineTax != refund.Tax - refund.ShippingTax)
        {
            return null;
        }

        var holdTheirTax = refund.LinesStatedAsTheSalesPrices && pricesIncludeTax is { } stated
            ? stated
            : refund.Lines.Sum(l => l.Amount - l.Discount) - lineTax == goods;
        var returned = holdTheirTax
            ? [.. refund.Lines.Select(l => l with { Amount = l.Amount - l.Tax })]
            : refund.Lines.ToList();
        var difference = goods - returned.Sum(l => l.Amount - l.Discount);
        if (difference != 0)
        {
            returned.Add(new SaleLine
            {
                Description = difference < 0 ? "Kept of the returned items' price" : "Given back beyond the returned items",
                ItemKey = settings.DefaultItem,
                Quantity = 1,
                UnitPrice = difference,
                Amount = difference,
                Taxable = false,
            });
        }

        return returned;
    }

    /// <summary>
    /// A refund's money come back to the merchant (<see cref="RefundInfo.Reinstated"/>: a chargeback reversed once the dispute
    /// was won): a sales receipt of what the refund gave back, its lines, income and tax, into Undeposited Funds, dated the
    /// day the money came back. The refund's own document stays as it was, in the period it was booked in, which may be
    /// closed; QBO documents no void for a refund receipt or credit memo, and deleting one would rewrite that period.
    /// Whether the refund was booked as a refund receipt or a credit memo, the money now came in.
    /// </summary>
    private static PlannedDocument Reinstated(RefundInfo refund, JsonObject body, decimal? tax)
    {
        body["DepositToAccountRef"] = DocumentPlanner.Ref(Placeholders.UndepositedFunds);
        return new PlannedDocument { Role = DocumentPlanner.ReinstatedRole(refund.RefundId), EntityType = "SalesReceipt", Body = body, Total = refund.Amount, Tax = tax };
    }

    /// <summary>The credit memo applied to the sale's invoice: a payment of nothing that uses the credit against the invoice.</summary>
    private static PlannedDocument Application(RefundInfo refund) =>
        Payments.CreditApplied(DocumentPlanner.ApplicationRole(refund.RefundId), DocumentPlanner.CreditRole(refund.RefundId), refund.Amount, refund.Date);
}
