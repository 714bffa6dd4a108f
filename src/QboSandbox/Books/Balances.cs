using System.Text.Json.Nodes;
using QboSandbox.Http;

namespace QboSandbox.Books;

/// <summary>Balance of a sales form: open (invoice), settled (receipts: 0) or remaining credit (credit memo).</summary>
internal static class Balances
{
    public static void Set(State.Company company, SalesFormKind kind, JsonObject row, decimal total)
    {
        var id = row["Id"]?.GetValue<string>();
        switch (kind.Balance)
        {
            case BalanceKind.Open:
                var balance = total - PaymentApplications.AppliedTo(company, kind.Entity, id);
                if (balance < 0)
                {
                    throw QboException.BusinessValidation(
                        "Business Validation Error: The invoice total cannot be less than the payments applied to it.", "TotalAmt");
                }

                row["Balance"] = balance;
                break;
            case BalanceKind.Credit:
                var remaining = total - PaymentApplications.AppliedTo(company, kind.Entity, id);
                if (remaining < 0)
                {
                    throw QboException.BusinessValidation(
                        "Business Validation Error: The credit memo total cannot be less than the credit already used.", "TotalAmt");
                }

                row["RemainingCredit"] = remaining;
                row["Balance"] = remaining;
                break;
            default:
                row["Balance"] = 0m;
                break;
        }
    }
}
