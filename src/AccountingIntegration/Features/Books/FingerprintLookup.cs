using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// Finds the document an unanswered create may have written, by the fingerprint in its PrivateNote
/// (<see cref="DocumentFingerprint"/>). QBO cannot filter on PrivateNote: Intuit's entity references mark only some
/// fields filterable, PrivateNote not among them, while <c>MetaData.CreateTime</c> and <c>CustomerRef</c> are
/// (REFERENCE §2.5 and §3.3; D-QUERY, D-INV). So the query takes this type's documents created since the earliest
/// time the create could have run (<see cref="QboClock"/>), for the customer when known, and the marker is matched here.
/// </summary>
internal sealed class FingerprintLookup(QboClient qbo, int maxPagesForOne = FingerprintLookup.MaxPagesForOne)
{
    /// <summary>Pages a batch's look-up reads at most; one page of 1000 is the normal case, and a batch's documents are among the newest.</summary>
    private const int MaxPages = 5;

    /// <summary>
    /// Pages one document's look-up reads at most. A resumed payload's window opens at its arrival, which for a payload
    /// that waited in a backlog can hold thousands of the customer's documents; past this, it gives up rather than guess.
    /// </summary>
    public const int MaxPagesForOne = 50;

    /// <summary>
    /// The document of <paramref name="entityType"/> carrying <paramref name="fingerprint"/>, or null when QBO has none.
    /// Newest first, as the earlier attempt is recent. Throws <see cref="FingerprintUnsettledException"/> when the window
    /// holds more than it reads: "not found" must mean QBO has none, or the retry would book the document twice.
    /// </summary>
    /// <param name="credentials">The company to look in.</param>
    /// <param name="entityType">The QBO entity the create was for (Invoice, Payment, …).</param>
    /// <param name="fingerprint">The document's fingerprint, as stamped by <see cref="DocumentFingerprint.Stamp"/>.</param>
    /// <param name="customerId">The document's CustomerRef, when it has one: it narrows the query to that customer's documents.</param>
    /// <param name="createdSince">The earliest CreateTime (UTC, QBO's clock) the document can carry (<see cref="QboClock"/>).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<JsonObject?> FindAsync(QboCredentials credentials, string entityType, string fingerprint, string? customerId, DateTime createdSince,
        CancellationToken cancellationToken)
    {
        var where = CreatedSince(createdSince);
        if (customerId is not null)
        {
            where += $" AND CustomerRef = {QboQuery.Literal(customerId)}";
        }

        for (var page = 0; page < maxPagesForOne; page++)
        {
            var result = await qbo.QueryAsync(credentials, entityType,
                QboQuery.Select(entityType, where, 1 + page * QboQuery.MaxPageSize, QboQuery.MaxPageSize, "MetaData.CreateTime DESC"), cancellationToken);
            if (result.Items.FirstOrDefault(document => DocumentFingerprint.Carries(document, fingerprint)) is { } found)
            {
                return found;
            }

            if (result.Items.Count < QboQuery.MaxPageSize)
            {
                return null;
            }
        }

        throw new FingerprintUnsettledException(entityType, maxPagesForOne * QboQuery.MaxPageSize);
    }

    /// <summary>
    /// The documents of <paramref name="entityType"/> carrying any of <paramref name="fingerprints"/> (the items of one
    /// batch), newest first, in as few reads as the company's recent documents take: one page for a batch just sent.
    /// <c>Complete</c> is false when the pages ran out before the window did, so a fingerprint not found is not proof
    /// that QBO has no such document.
    /// </summary>
    /// <param name="credentials">The company to look in.</param>
    /// <param name="entityType">The QBO entity the creates were for.</param>
    /// <param name="fingerprints">The documents' fingerprints.</param>
    /// <param name="createdSince">The earliest CreateTime (UTC, QBO's clock) the batch's documents can carry.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<(IReadOnlyDictionary<string, JsonObject> Found, bool Complete)> FindManyAsync(QboCredentials credentials, string entityType,
        IReadOnlyCollection<string> fingerprints, DateTime createdSince, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var where = CreatedSince(createdSince);
        for (var page = 0; page < MaxPages; page++)
        {
            var result = await qbo.QueryAsync(credentials, entityType,
                QboQuery.Select(entityType, where, 1 + page * QboQuery.MaxPageSize, QboQuery.MaxPageSize, "MetaData.CreateTime DESC"), cancellationToken);
            foreach (var document in result.Items)
            {
                if (fingerprints.FirstOrDefault(fingerprint => !found.ContainsKey(fingerprint) && DocumentFingerprint.Carries(document, fingerprint)) is { } match)
                {
                    found[match] = document;
                }
            }

            if (result.Items.Count < QboQuery.MaxPageSize || found.Count == fingerprints.Count)
            {
                return (found, true);
            }
        }

        return (found, false);
    }

    /// <summary>
    /// Documents created since <paramref name="createdSince"/>, in whole seconds rounded down, as CreateTime has them.
    /// </summary>
    private static string CreatedSince(DateTime createdSince) =>
        $"MetaData.CreateTime >= {QboQuery.Literal(DateTime.SpecifyKind(createdSince, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture))}";
}
