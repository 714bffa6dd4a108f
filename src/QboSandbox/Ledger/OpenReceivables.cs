using System.Globalization;
using System.Text.Json.Nodes;
using QboSandbox.Books;
using QboSandbox.State;

namespace QboSandbox.Ledger;

/// <summary>
/// One document's part of a customer's Accounts Receivable on a date, in home currency (credits negative): what is
/// still <see cref="Open"/> of the document's <see cref="Amount"/>.
/// </summary>
internal sealed record OpenItem(string CustomerId, string TxnType, string TxnId, DateOnly TxnDate, DateOnly DueDate, decimal Open)
{
    public decimal Amount { get; init; }

    public string? DocNumber { get; init; }

    public string? Memo { get; init; }
}

/// <summary>
/// What each customer owes on a date, document by document, as the ledger's A/R holds it then: every invoice dated
/// on or before it at its home total (the A/R posting of <see cref="SalesFormPostings"/>), less what payments dated
/// on or before it applied to it (<see cref="ApplicationSchedule"/>, at the invoice's rate); every credit memo's
/// credit less what payments used of it by then; every payment's unapplied amount. A payment dated later has not
/// happened yet on that date, so a report of an earlier date shows the invoice open. Items that come to nothing are
/// left out. Call under the gate.
/// </summary>
internal static class OpenReceivables
{
    public static IReadOnlyList<OpenItem> AsOf(Company company, DateOnly date)
    {
        var open = new Dictionary<(string Type, string Id), OpenItem>();
        foreach (var entity in new[] { EntityNames.Invoice, EntityNames.CreditMemo }.Where(company.HasTable))
        {
            var sign = entity == EntityNames.Invoice ? 1m : -1m;
            foreach (var row in company.Table(entity).Rows.Where(r => Documents.Date(r) <= date))
            {
                if (Documents.RefValue(row, "CustomerRef") is { } customer)
                {
                    var home = Money.Round(Documents.Amount(row, "TotalAmt") * Documents.Rate(row));
                    open[(entity, Documents.Id(row))] = Described(new OpenItem(customer, entity, Documents.Id(row), Documents.Date(row), DueDate(row), sign * home), row);
                }
            }
        }

        if (!company.HasTable(EntityNames.Payment))
        {
            return [.. open.Values.Where(i => i.Open != 0m)];
        }

        var schedule = new ApplicationSchedule(company);
        var unapplied = new List<OpenItem>();
        foreach (var payment in company.Table(EntityNames.Payment).Rows.Where(p => Documents.Date(p) <= date))
        {
            var id = Documents.Id(payment);
            var lineIndex = 0;
            foreach (var line in Documents.Lines(payment))
            {
                var relief = schedule.Relief(id, lineIndex++);
                if ((line["LinkedTxn"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault() is { } link
                    && open.TryGetValue((link["TxnType"]?.GetValue<string>() ?? "", link["TxnId"]?.GetValue<string>() ?? ""), out var item))
                {
                    // An invoice paid comes down; a credit memo used comes up towards zero.
                    var change = item.TxnType == EntityNames.Invoice ? -relief : relief;
                    open[(item.TxnType, item.TxnId)] = item with { Open = item.Open + change };
                }
            }

            if (Documents.RefValue(payment, "CustomerRef") is { } customer)
            {
                var rest = Money.Round(Documents.Amount(payment, "UnappliedAmt") * Documents.Rate(payment));
                unapplied.Add(Described(new OpenItem(customer, EntityNames.Payment, id, Documents.Date(payment), Documents.Date(payment), -rest), payment) with
                {
                    Amount = -Money.Round(Documents.Amount(payment, "TotalAmt") * Documents.Rate(payment)),
                });
            }
        }

        return [.. open.Values.Concat(unapplied).Where(i => i.Open != 0m)];
    }

    /// <summary>The document's number (a payment's reference number) and memo, and its whole amount as first open.</summary>
    private static OpenItem Described(OpenItem item, JsonObject row) => item with
    {
        Amount = item.Open,
        DocNumber = (row["DocNumber"] ?? row["PaymentRefNum"]) is JsonValue number ? number.ToString() : null,
        Memo = row["PrivateNote"] is JsonValue memo ? memo.ToString() : null,
    };

    /// <summary>An invoice's DueDate (QBO fills it from the sales terms), else its date; credits have none and are due at once.</summary>
    private static DateOnly DueDate(JsonObject row) =>
        row["DueDate"] is JsonValue due && DateOnly.TryParseExact(due.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : Documents.Date(row);
}
