using System.Globalization;
using System.Text.Json.Nodes;
using QboSandbox.Books;
using QboSandbox.State;

namespace QboSandbox.Ledger;

/// <summary>
/// How much Accounts Receivable, in home currency, each payment line relieves. A payment settles an invoice (or uses a
/// credit memo) at that document's exchange rate, not its own: QBO books the difference to Exchange Gain or Loss
/// "so you will not have overpayments or underpayments as a result of currency exchange rates" (Intuit SLN63815).
/// The applications to one document are taken in payment order (TxnDate, then Id) and each relieves
/// round(applied so far × rate) − round(applied before × rate), so a document paid in full has relieved exactly its
/// rounded home total and leaves no stray cent in A/R.
/// </summary>
internal sealed class ApplicationSchedule
{
    private readonly Dictionary<(string PaymentId, int Line), decimal> _relief = [];

    public ApplicationSchedule(Company company)
    {
        var byTarget = new Dictionary<(string Type, string Id), List<(string PaymentId, int Line, decimal Amount)>>();
        foreach (var payment in company.Table(EntityNames.Payment).Rows.OrderBy(Documents.Date).ThenBy(p => Number(Documents.Id(p))))
        {
            var lineIndex = 0;
            foreach (var line in Documents.Lines(payment))
            {
                if ((line["LinkedTxn"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault() is { } link)
                {
                    var key = (link["TxnType"]?.GetValue<string>() ?? "", link["TxnId"]?.GetValue<string>() ?? "");
                    if (!byTarget.TryGetValue(key, out var list))
                    {
                        byTarget[key] = list = [];
                    }

                    list.Add((Documents.Id(payment), lineIndex, Documents.Amount(line, "Amount")));
                }

                lineIndex++;
            }
        }

        foreach (var ((type, id), applications) in byTarget)
        {
            var target = company.Table(type).Find(id);
            var rate = target is null ? 1m : Documents.Rate(target);
            decimal applied = 0;
            foreach (var (paymentId, line, amount) in applications)
            {
                _relief[(paymentId, line)] = Money.Round((applied + amount) * rate) - Money.Round(applied * rate);
                applied += amount;
            }
        }
    }

    /// <summary>Home amount line <paramref name="line"/> of the payment applies (0 for a line that links nothing).</summary>
    public decimal Relief(string paymentId, int line) => _relief.GetValueOrDefault((paymentId, line));

    private static long Number(string id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;
}
