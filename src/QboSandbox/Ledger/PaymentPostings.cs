using System.Text.Json.Nodes;
using QboSandbox.Books;
using QboSandbox.State;

namespace QboSandbox.Ledger;

/// <summary>
/// Payment (Intuit's Payment reference): Dr DepositToAccountRef (Undeposited Funds by default) for TotalAmt; Cr
/// Accounts Receivable for each amount applied to an invoice; Dr A/R for each credit memo used (its credit is
/// consumed); Cr A/R for UnappliedAmt. QBO keeps money received but not applied in A/R as a customer credit on the
/// accrual basis: a payment recorded without an invoice "posts as a credit to AR", leaving the customer with a
/// negative balance until it is applied (Intuit's "unapplied payments" community answers; Unapplied Cash Payment
/// Income exists only on cash-basis reports). Applied amounts are converted at the settled document's rate
/// (<see cref="ApplicationSchedule"/>), the rest at the payment's; what separates them is Exchange Gain or Loss.
/// </summary>
internal static class PaymentPostings
{
    public static LedgerEntry For(JsonObject payment, LedgerAccounts accounts, ApplicationSchedule schedule)
    {
        var id = Documents.Id(payment);
        var rate = Documents.Rate(payment);
        var postings = new List<Posting>
        {
            new(accounts.Existing(Documents.RefValue(payment, "DepositToAccountRef"), accounts.UndepositedFunds),
                Money.Round(Documents.Amount(payment, "TotalAmt") * rate)),
        };

        var lineIndex = 0;
        foreach (var line in Documents.Lines(payment))
        {
            var type = (line["LinkedTxn"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault()?["TxnType"]?.GetValue<string>();
            var relief = schedule.Relief(id, lineIndex++);
            postings.Add(new Posting(accounts.Receivable, type == EntityNames.CreditMemo ? relief : -relief));
        }

        postings.Add(new Posting(accounts.Receivable, -Money.Round(Documents.Amount(payment, "UnappliedAmt") * rate)));

        // Cash received at one rate against receivables booked at another: the difference is a realised gain or loss.
        var difference = postings.Sum(p => p.Amount);
        if (difference != 0m)
        {
            postings.Add(new Posting(accounts.ExchangeGainOrLoss ?? accounts.Receivable, -difference));
        }

        return new LedgerEntry(EntityNames.Payment, id, Documents.Date(payment), [.. postings.Where(p => p.Amount != 0m)]);
    }
}
