using System.Text.Json.Nodes;
using QboSandbox.Accounting;

namespace QboSandbox.Books;

/// <summary>
/// A voided transaction keeps its lines with Amount and Qty 0, TotalAmt, Balance, tax and unapplied
/// amounts 0, and "Voided" prepended to PrivateNote (REFERENCE §2.6, D-INV). A voided payment's lines
/// are zero too, so the invoices it paid are open again.
/// </summary>
internal static class Voiding
{
    private static readonly string[] Zeroed = ["TotalAmt", "Balance", "HomeTotalAmt", "HomeBalance", "UnappliedAmt", "RemainingCredit"];

    public static JsonObject Apply(JsonObject current, DateTimeOffset now)
    {
        var row = EntityRow.NextVersion(current, now);
        foreach (var (name, value) in current)
        {
            if (!row.ContainsKey(name))
            {
                row[name] = value?.DeepClone();
            }
        }

        foreach (var line in (row["Line"] as JsonArray ?? []).OfType<JsonObject>())
        {
            line["Amount"] = 0m;
            if (line["SalesItemLineDetail"] is JsonObject detail)
            {
                if (detail.ContainsKey("Qty"))
                {
                    detail["Qty"] = 0m;
                }

                if (detail.ContainsKey("TaxInclusiveAmt"))
                {
                    detail["TaxInclusiveAmt"] = 0m;
                }
            }
        }

        foreach (var name in Zeroed.Where(row.ContainsKey))
        {
            row[name] = 0m;
        }

        if (row["TxnTaxDetail"] is JsonObject tax)
        {
            tax["TotalTax"] = 0m;
            foreach (var taxLine in (tax["TaxLine"] as JsonArray ?? []).OfType<JsonObject>())
            {
                taxLine["Amount"] = 0m;
            }
        }

        var note = current["PrivateNote"]?.GetValue<string>();
        row["PrivateNote"] = string.IsNullOrEmpty(note) ? "Voided" : "Voided - " + note;
        return row;
    }
}
