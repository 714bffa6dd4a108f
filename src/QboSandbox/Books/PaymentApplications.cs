using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// Money applied between transactions. Payments apply to invoices and use credit memos through their
/// lines' LinkedTxn (Intuit's Payment sample: Line[].LinkedTxn {TxnId, TxnType:"Invoice"}, UnappliedAmt);
/// an invoice's Balance is its TotalAmt less what payments applied, and it lists those payments in its
/// own LinkedTxn (TxnType "Payment", as a real invoice shows). Call under the gate.
/// </summary>
internal static class PaymentApplications
{
    public static decimal AppliedTo(Company company, string txnType, string? id, string? exceptPaymentId = null)
    {
        if (id is null)
        {
            return 0m;
        }

        return Applications(company, txnType, id).Where(a => a.PaymentId != exceptPaymentId).Sum(a => a.Amount);
    }

    /// <summary>LinkedTxn of an invoice or credit memo: each payment that applies to it, once.</summary>
    public static JsonArray PaymentLinks(Company company, string txnType, string? id) =>
        id is null ? [] : new JsonArray([.. Applications(company, txnType, id)
            .Select(a => a.PaymentId).Distinct(StringComparer.Ordinal)
            .Select(p => (JsonNode)new JsonObject { ["TxnId"] = p, ["TxnType"] = EntityNames.Payment })]);

    /// <summary>Brings an invoice's or credit memo's balance and links up to date after a payment changed.</summary>
    public static void Refresh(Company company, string txnType, string id, DateTimeOffset now)
    {
        var kind = SalesFormKind.Of(txnType);
        var table = company.Table(txnType);
        if (kind is null || table.Find(id) is not { } current)
        {
            return;
        }

        var row = EntityRow.NextVersion(current, now);
        foreach (var (name, value) in current)
        {
            if (!row.ContainsKey(name))
            {
                row[name] = value?.DeepClone();
            }
        }

        Balances.Set(company, kind, row, row["TotalAmt"]!.GetValue<decimal>());
        row["LinkedTxn"] = LinkedTransactions.For(company, kind, row, current, context: null);
        if (row["ExchangeRate"] is JsonValue rate && row["Balance"] is JsonValue balance)
        {
            row["HomeBalance"] = Money.Round(balance.GetValue<decimal>() * rate.GetValue<decimal>());
        }

        table.Replace(row);
        company.Record(txnType, id, "Update", now);
    }

    /// <summary>(TxnType, TxnId) pairs a payment row links to.</summary>
    public static IEnumerable<(string TxnType, string TxnId)> Targets(JsonObject? payment) =>
        (payment?["Line"] as JsonArray ?? []).OfType<JsonObject>()
            .SelectMany(l => (l["LinkedTxn"] as JsonArray ?? []).OfType<JsonObject>())
            .Select(t => (t["TxnType"]?.GetValue<string>() ?? "", t["TxnId"]?.GetValue<string>() ?? ""));

    private static IEnumerable<(string PaymentId, decimal Amount)> Applications(Company company, string txnType, string id)
    {
        foreach (var payment in company.Table(EntityNames.Payment).Rows)
        {
            // A voided payment keeps its lines at 0: it no longer applies anything.
            foreach (var line in (payment["Line"] as JsonArray ?? []).OfType<JsonObject>().Where(l => l["Amount"]?.GetValue<decimal>() != 0m))
            {
                if ((line["LinkedTxn"] as JsonArray ?? []).OfType<JsonObject>().Any(t =>
                        t["TxnType"]?.GetValue<string>() == txnType && t["TxnId"]?.GetValue<string>() == id))
                {
                    yield return (payment["Id"]!.GetValue<string>(), line["Amount"]!.GetValue<decimal>());
                }
            }
        }
    }
}
