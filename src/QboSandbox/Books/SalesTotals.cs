using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;

namespace QboSandbox.Books;

/// <summary>Discount lines (percent of the net subtotal, or a fixed amount) and the server's SubTotalLineDetail line.</summary>
internal static class SalesTotals
{
    public static decimal Discount(LineSet lines)
    {
        var subtotal = lines.Sales.Sum(l => l.Amount);
        decimal total = 0;
        foreach (var (stored, sent) in lines.Discounts)
        {
            var detail = stored["DiscountLineDetail"]!.AsObject();
            var amount = JsonRead.Bool(detail, "PercentBased") == true && JsonRead.Dec(detail, "DiscountPercent") is { } percent
                ? Money.Round(subtotal * percent / 100m)
                : sent ?? throw QboException.RequiredMissing("Line.Amount");
            stored["Amount"] = amount;
            total += amount;
        }

        return total;
    }

    /// <summary>The stored Line array: the lines in order, then the server's subtotal without Id (REFERENCE §3.2).</summary>
    public static JsonArray StoredLines(LineSet lines)
    {
        var array = new JsonArray([.. lines.Ordered]);
        array.Add(new JsonObject
        {
            ["Amount"] = lines.Sales.Sum(l => l.Amount),
            ["DetailType"] = "SubTotalLineDetail",
            ["SubTotalLineDetail"] = new JsonObject(),
        });
        return array;
    }
}
