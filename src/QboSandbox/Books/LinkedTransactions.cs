using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// LinkedTxn of a sales form. Payment links are read-only and derived from the payments
/// (REFERENCE §3.3); other links a client sends (a refund receipt or credit memo naming the sale it
/// refunds) must point at an existing transaction (else 2500) and are kept.
/// </summary>
internal static class LinkedTransactions
{
    private static readonly string[] Linkable =
        [EntityNames.Invoice, EntityNames.SalesReceipt, EntityNames.CreditMemo, EntityNames.RefundReceipt, "Estimate"];

    public static JsonArray For(Company company, SalesFormKind kind, JsonObject body, JsonObject? existing, CreateContext? context)
    {
        var id = existing?["Id"]?.GetValue<string>();
        var links = kind.Balance == BalanceKind.Settled ? [] : PaymentApplications.PaymentLinks(company, kind.Entity, id);
        foreach (var link in (body["LinkedTxn"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var type = JsonRead.Str(link, "TxnType");
            var txnId = JsonRead.Str(link, "TxnId");
            if (type == EntityNames.Payment)
            {
                continue;
            }

            if (type is null || txnId is null || !Linkable.Contains(type, StringComparer.Ordinal))
            {
                throw References.InvalidReference("LinkedTxn");
            }

            if (context is not null && type != "Estimate" && (company.Table(type).Find(txnId) is null || !context.CanReference(type, txnId)))
            {
                throw References.InvalidReference("LinkedTxn");
            }

            links.Add(new JsonObject { ["TxnId"] = txnId, ["TxnType"] = type });
        }

        return links;
    }
}
