namespace AccountingIntegration.Books;

/// <summary>
/// A sale through a merchant of record as its documents book it (<see cref="Sale.SoldThroughMerchantOfRecord"/>). The
/// merchant of record sold to the buyer and remits the tax itself, so none of it is the company's to declare: every line is
/// out of scope of the company's tax return and net of tax, and each tax the vendor states, and the import duties, is a
/// line of its own on the merchant of record's clearing item (<see cref="SaleLine.IsMerchantOfRecordTax"/>), which the
/// payout's deposit empties, as Paddle's is. The document still comes to what the buyer paid. A share of such a sale (a
/// refund, a chargeback) is the same shape, since it keeps the flag and the tax as stated.
/// </summary>
internal static class MerchantOfRecordSale
{
    public static Sale Of(Sale sale)
    {
        if (!sale.SoldThroughMerchantOfRecord)
        {
            return sale;
        }

        // Prices that include tax hold each line's own tax: it comes out of the line. Tax the lines do not state is in them
        // all the same, and comes out of them in proportion. Duties carry no tax.
        var inclusive = sale.PricesIncludeTax;
        Charge Net(Charge charge) => inclusive ? charge with { Amount = charge.Amount - charge.Tax } : charge;
        Charge Untaxed(Charge charge) => charge with { Tax = 0m, TaxRate = null };
        var duties = sale.Fees.Where(fee => fee.IsDuties).ToList();
        var lines = sale.Lines.Select(line => inclusive ? line with { Amount = line.Amount - line.Tax } : line).ToList();
        var shipping = sale.Shipping.Select(Net).ToList();
        var fees = sale.Fees.Where(fee => !fee.IsDuties).Select(Net).ToList();
        if (inclusive)
        {
            var unstated = sale.TaxTotal - lines.Sum(line => line.Tax) - shipping.Sum(charge => charge.Tax) - fees.Sum(charge => charge.Tax);
            IReadOnlyList<decimal> weights =
            [
                .. lines.Select(line => line.IsGiftCard || line.IsCustomerBalance || line.IsMerchantOfRecordTax ? 0m : line.Amount - line.Discount),
                .. shipping.Concat(fees).Select(charge => charge.Amount - charge.Discount),
            ];
            var parts = Allocation.Split(unstated, weights, sale.Currency);
            lines = [.. lines.Select((line, i) => line with { Amount = line.Amount - parts[i] })];
            shipping = [.. shipping.Select((charge, i) => charge with { Amount = charge.Amount - parts[lines.Count + i] })];
            fees = [.. fees.Select((charge, i) => charge with { Amount = charge.Amount - parts[lines.Count + shipping.Count + i] })];
        }

        return sale with
        {
            Lines =
            [
                .. lines.Select(line => line with { Tax = 0m, TaxRate = null, Taxable = false, OutOfScope = true }),
                .. duties.Select(fee => SaleLine.CollectedByMerchantOfRecord($"{fee.Description}, collected by the merchant of record", fee.Amount - fee.Discount)),
                .. sale.Taxes.Where(tax => tax.Amount != 0m).Select(tax => SaleLine.CollectedByMerchantOfRecord($"{tax.Name}, collected by the merchant of record", tax.Amount)),
            ],
            Shipping = [.. shipping.Select(Untaxed)],
            Fees = [.. fees.Select(Untaxed)],
            Taxes = [],
            OrderDiscountTax = null,
            PricesIncludeTax = false,
        };
    }
}
