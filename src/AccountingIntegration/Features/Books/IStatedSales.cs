using AccountingIntegration.Books;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// The booked sale a later event is planned against, as its vendor stated it: read again from the payload that booked
/// it, so that a refund stating only its amount, or the credit of what a cancelled invoice still owes, is that share of
/// the sale's lines and tax (<see cref="SaleRecord"/>). Booking and its preview read it alike. The webhook feature keeps
/// the payloads and answers this (it depends on the books, not the other way round).
/// </summary>
internal interface IStatedSales
{
    /// <summary>
    /// <paramref name="sale"/> as <paramref name="adapter"/> reads the payload that booked it, while retention keeps that
    /// payload. Null when it is gone, came from another source than <paramref name="sourceId"/>, or no longer states the
    /// total the sale was booked at (a later edit, booked from another payload, changed it).
    /// </summary>
    Task<Sale?> ReadAsync(string organizationId, string sourceId, IVendorAdapter adapter, LedgerLink sale, CancellationToken cancellationToken);
}
