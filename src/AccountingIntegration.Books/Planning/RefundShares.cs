using System.Globalization;

namespace AccountingIntegration.Books;

/// <summary>
/// A refund that states nothing but its amount (a WooCommerce order lists each refund's id, reason and total only; a Stripe,
/// PayPal or Square refund names its charge and amount), of a sale whose lines are at hand (delivered with it, or read
/// again from the payload that booked it): booked as its share of each of the sale's lines, discounts, shipping, fees and
/// taxes.
/// One untaxed "Refund" line would take the money out of income and leave the tax in it owed; as a share, the tax goes
/// back with it, at each line's own rate and tax code.
/// Shares are taken of the refunds so far, in the order they were made: a refund's part of an amount is that amount's
/// share of everything refunded up to and including it, less its share of everything refunded before it. So refunds
/// that come to the sale's total give back exactly its lines and tax, however they round one by one. Where QBO computes
/// the tax line by line, each share's lines are then set so that QBO's tax on them is the share's (<see cref="PerLineShares"/>).
/// </summary>
internal static class RefundShares
{
    /// <summary>
    /// <paramref name="refund"/> as a sale of its own, its share of <paramref name="sale"/>; null when the sale's parts do
    /// not add up to its total, or the refunds so far come to more than it.
    /// </summary>
    /// <param name="sale">The sale refunded, as the same delivery states it.</param>
    /// <param name="refunds">Every refund of the sale so far, <paramref name="refund"/> among them.</param>
    /// <param name="refund">The refund to book.</param>
    /// <param name="regime">The company's tax regime, which says whether QBO computes the share's tax line by line.</param>
    /// <param name="settings">The organization's booking settings: tax codes and the rounding tolerance.</param>
    public static Sale? Of(Sale sale, IReadOnlyList<RefundInfo> refunds, RefundInfo refund, CompanyRegime regime, BookingSettings settings) =>
        Shared(sale, refunds, refund) is { } shared ? PerLineShares.Of(shared, regime, settings) : null;

    private static Sale? Shared(Sale sale, IReadOnlyList<RefundInfo> refunds, RefundInfo refund)
    {
        var position = refunds.ToList().IndexOf(refund);
        var before = refunds.Where((other, index) => MadeBefore(other, index, refund, position)).Sum(other => other.Amount);
        var through = before + refund.Amount;
        if (sale.Total <= 0m || through > sale.Total || sale.ComputedTotal != sale.Total)
        {
            return null;
        }

        var whole = before == 0m && through == sale.Total;
        decimal Share(decimal amount) =>
            Money.Round(amount * through / sale.Total, sale.Currency) - Money.Round(amount * before / sale.Total, sale.Currency);
        Charge ShareOf(Charge charge) =>
            charge with { Amount = Share(charge.Amount), Tax = Share(charge.Tax), Discount = Share(charge.Discount) };

        var lines = sale.Lines
            .Select(line => whole ? line : line with
            {
                Quantity = 1m,
                UnitPrice = Share(line.Amount),
                Amount = Share(line.Amount),
                Discount = Share(line.Discount),
                Tax = Share(line.Tax),
                PartOfItsSoldLine = true,
            })
            .Where(line => line.Amount != 0m || line.Tax != 0m)
            .ToList();
        var shared = sale with
        {
            Date = refund.Date,
            Customer = new Party(),
            PlaceOfSupply = sale.PlaceOfSupply,
            Number = null,
            Memo = null,
            Reference = null,
            Notes = [],
            Lines = lines,
            Shipping = sale.Shipping.Select(ShareOf).Where(c => c.Amount != 0m).ToList(),
            Fees = sale.Fees.Select(ShareOf).Where(c => c.Amount != 0m).ToList(),
            Tips = sale.Tips.Select(ShareOf).Where(c => c.Amount != 0m).ToList(),
            OrderDiscount = Share(sale.OrderDiscount),
            OrderDiscountTax = sale.OrderDiscountTax is { } stated ? (Share(stated.Tax), stated.Rate) : null,
            Taxes = sale.Taxes.Select(tax => tax with { Amount = Share(tax.Amount) }).Where(tax => tax.Amount != 0m).ToList(),
            GiftCards = 0m,
            Total = refund.Amount,
        };

        // Each part rounds on its own: the cents that leave the parts short of the refund go on its largest line, where
        // they are the same cents, with the other sign, that the refunds before it left over.
        var remainder = refund.Amount - shared.ComputedTotal;
        if (remainder == 0m || lines.Count == 0)
        {
            return shared;
        }

        var largest = lines.IndexOf(lines.MaxBy(line => line.Amount)!);
        lines[largest] = lines[largest] with { Amount = lines[largest].Amount + remainder, UnitPrice = lines[largest].UnitPrice + remainder };
        return shared;
    }

    /// <summary>What share of the sale a refund is, in words for the sync log.</summary>
    public static string Note(RefundInfo refund, Sale sale) =>
        $"Refund {refund.RefundId} states only its amount ({Money.Show(refund.Amount)} of a {Money.Show(sale.Total)} sale): it is booked as that share of each of the sale's lines, discounts, shipping and tax.";

    /// <summary>
    /// Whether <paramref name="other"/> was made before <paramref name="refund"/>. Ids that are numbers were numbered as the
    /// refunds were made (WooCommerce's are post ids); others (Stripe's) are listed newest first, as Stripe and WooCommerce
    /// both list a charge's or an order's refunds. A refund told alone (one event each) comes with those booked before it,
    /// listed after it (<see cref="SaleOnRecord.RefundedBefore"/>).
    /// </summary>
    private static bool MadeBefore(RefundInfo other, int otherPosition, RefundInfo refund, int position) =>
        long.TryParse(other.RefundId, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
        && long.TryParse(refund.RefundId, NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            ? a < b
            : otherPosition > position;
}
