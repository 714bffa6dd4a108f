namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>
/// What a QBO call is for. Each kind gets a guaranteed share of a company's budget while others wait
/// (<see cref="QboTrafficShares"/>), so a flood of one kind (an organization paging through its QBO data with the
/// proxy) cannot starve another (its invoices).
/// </summary>
internal enum QboTraffic
{
    /// <summary>Writing the books: invoices, payments, refunds, voids.</summary>
    Documents,

    /// <summary>Look-ups that a booking needs first: customers, items, accounts, tax codes.</summary>
    References,

    /// <summary>The organization's own reads through the QBO proxy.</summary>
    Proxy,

    /// <summary>Catching up in the background: drift sweeps over QBO's change feed.</summary>
    Backfill,
}
