namespace AccountingIntegration.Features.Books;

/// <summary>
/// One payload at a time books documents for a sale. Two events of one order taken up at once (Shopify sends
/// orders/create and orders/paid a second apart) each found no sale in the ledger, whose links are written only with an
/// attempt's outcome, and each created the order's invoice. Before it books, an attempt takes the names its documents
/// are linked under, and the QBO document of a sale already booked (a sale linked under several names is one document);
/// it keeps them until its outcome is written. The queue that runs the attempts keeps the turns.
/// </summary>
internal interface ISaleTurns
{
    /// <summary>Takes <paramref name="names"/> for <paramref name="payloadId"/>: null when taken, else the payload booking the same sale now.</summary>
    Task<string?> TakeAsync(string organizationId, string payloadId, IReadOnlyCollection<string> names, CancellationToken cancellationToken);

    /// <summary>Whether a running attempt holds <paramref name="name"/>: it may be changing that document in QBO right now.</summary>
    Task<bool> IsTakenAsync(string organizationId, string name, CancellationToken cancellationToken);
}

/// <summary>The names a sale's turn is taken by, besides the names its documents are linked under.</summary>
internal static class SaleTurnNames
{
    /// <summary>A booked QBO document: events that know its sale by different names share it.</summary>
    public static string Document(string qboType, string qboId) => $"qbo:{qboType}:{qboId}";
}
