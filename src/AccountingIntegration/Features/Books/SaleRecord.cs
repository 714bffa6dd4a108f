using AccountingIntegration.Books;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// The booked sale a later event is planned against (<see cref="SaleOnRecord"/>): its QBO document and totals from the
/// ledger and, for a refund that states only its amount (Stripe's, PayPal's, Square's) or gives back the whole total
/// without lines (Paddle's full refund), the sale as its vendor stated it when the refund did not bring it along, and the refunds booked before: its share of the sale's lines and tax is then
/// what goes back.
/// </summary>
internal static class SaleRecord
{
    public static async Task<SaleOnRecord> ReadAsync(EventBookingRequest request, LedgerLink sale, CancellationToken cancellationToken)
    {
        var onRecord = new SaleOnRecord(sale.QboType, sale.QboId, sale.Total, sale.Paid, sale.Currency);
        return request.Event is { Meaning: EventMeaning.Refund } refund && refund.Refunds.Any(r => r.IsBookedFromItsSale(sale.Total))
            ? onRecord with
            {
                Stated = refund.Sale is null && request.StatedSale is { } read ? await read(sale, cancellationToken) : null,
                RefundedBefore = await RefundedBeforeAsync(request, sale, cancellationToken),
            }
            : onRecord;
    }

    /// <summary>
    /// The refunds booked against the sale before (the documents linked under its name as refund receipts or credit memos,
    /// and not since voided or deleted in QBO), each with the amount it gave back.
    /// </summary>
    private static async Task<IReadOnlyList<RefundInfo>> RefundedBeforeAsync(EventBookingRequest request, LedgerLink sale, CancellationToken cancellationToken)
    {
        var booked = await request.Ledger.ListCommittedAsync(request.Organization.OrganizationId, sale.SourceKey, cancellationToken);
        return [.. booked
            .Where(link => link.State is LedgerStates.Booked or LedgerStates.Drifted)
            .Select(link => (Link: link, Id: DocumentPlanner.RefundIdOf(link.Role)))
            .Where(pair => pair.Id is not null)
            .DistinctBy(pair => pair.Id)
            .Select(pair => new RefundInfo
            {
                RefundId = pair.Id!,
                Amount = pair.Link.StatedTotal ?? pair.Link.Total,
                Currency = pair.Link.Currency ?? sale.Currency ?? string.Empty,
                Date = DateOnly.FromDateTime(pair.Link.CreatedAt),
            })];
    }
}
