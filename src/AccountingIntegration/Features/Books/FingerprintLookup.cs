using System.Globalization;
using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.QuickBooks;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// Finds the document an unanswered create may have written, by the fingerprint in its PrivateNote
/// (<see cref="DocumentFingerprint"/>). QBO cannot filter on PrivateNote: Intuit's entity references mark only some
/// fields filterable, PrivateNote not among them, while <c>MetaData.CreateTime</c> and <c>CustomerRef</c> are
/// (REFERENCE §2.5 and §3.3; D-QUERY, D-INV). So the query takes this type's documents created since the payload
/// arrived, for the customer when known, and the marker is matched here.
/// </summary>
internal sealed class FingerprintLookup(QboClient qbo)
{
    /// <summary>How far QBO's clock may run behind ours: the window opens this much before the payload arrived.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(15);

    /// <summary>Pages read at most; one page of 1000 is the normal case, and a payload's own documents are among the newest.</summary>
    private const int MaxPages = 5;

    /// <summary>The document of <paramref name="entityType"/> carrying <paramref name="fingerprint"/>, or null when QBO has none.</summary>
    /// <param name="credentials">The company to look in.</param>
    /// <param name="entityType">The QBO entity the create was for (Invoice, Payment, …).</param>
    /// <param name="fingerprint">The document's fingerprint, as stamped by <see cref="DocumentFingerprint.Stamp"/>.</param>
    /// <param name="customerId">The document's CustomerRef, when it has one: it narrows the query to that customer's documents.</param>
    /// <param name="notBefore">No attempt was sent before this time (the payload's arrival).</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<JsonObject?> FindAsync(QboCredentials credentials, string entityType, string fingerprint, string? customerId, DateTime notBefore,
        CancellationToken cancellationToken)
    {
        var since = DateTime.SpecifyKind(notBefore, DateTimeKind.Utc) - ClockSkew;
        var where = $"MetaData.CreateTime >= {QboQuery.Literal(since.ToString("yyyy-MM-ddTHH:mm:ss'Z'", CultureInfo.InvariantCulture))}";
        if (customerId is not null)
        {
            where += $" AND CustomerRef = {QboQuery.Literal(customerId)}";
        }

        for (var page = 0; page < MaxPages; page++)
        {
            var result = await qbo.QueryAsync(credentials, entityType, QboQuery.Select(entityType, where, 1 + page * QboQuery.MaxPageSize, QboQuery.MaxPageSize),
                cancellationToken);
            if (result.Items.FirstOrDefault(document => DocumentFingerprint.Carries(document, fingerprint)) is { } found)
            {
                return found;
            }

            if (result.Items.Count < QboQuery.MaxPageSize)
            {
                return null;
            }
        }

        return null;
    }
}
