using System.Text.Json.Nodes;

namespace AccountingIntegration.Books;

/// <summary>Payments: money received into Undeposited Funds, applied to the sale's invoice.</summary>
internal static class Payments
{
    public static PlannedDocument Applied(string role, PaymentInfo payment, string customer, decimal? cap = null)
    {
        var amount = cap is { } limit && limit < payment.Amount ? limit : payment.Amount;
        var body = new JsonObject
        {
            ["CustomerRef"] = DocumentPlanner.Ref(customer),
            ["TotalAmt"] = amount,
            ["TxnDate"] = DocumentPlanner.Date(payment.Date),
            ["DepositToAccountRef"] = DocumentPlanner.Ref(Placeholders.UndepositedFunds),
            ["Line"] = new JsonArray(new JsonObject
            {
                ["Amount"] = amount,
                ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = Placeholders.Document(DocumentPlanner.SaleRole), ["TxnType"] = "Invoice" }),
            }),
        };
        if (payment.Reference is { Length: > 0 and <= 21 } reference)
        {
            body["PaymentRefNum"] = reference;
        }

        return new PlannedDocument { Role = role, EntityType = "Payment", Body = body, Total = amount, CapToSaleBalance = true };
    }

    /// <summary>
    /// A credit memo applied to the sale's invoice (or the invoice booked as <paramref name="invoiceRole"/> beside it): a
    /// payment of nothing that uses the credit against the invoice.
    /// </summary>
    public static PlannedDocument CreditApplied(string role, string creditRole, decimal amount, DateOnly date, string invoiceRole = DocumentPlanner.SaleRole) => new()
    {
        Role = role,
        EntityType = "Payment",
        Total = 0m,
        CapToSaleBalance = invoiceRole == DocumentPlanner.SaleRole,
        Body = new JsonObject
        {
            ["CustomerRef"] = DocumentPlanner.Ref(Placeholders.CustomerOf(DocumentPlanner.SaleRole)),
            ["TotalAmt"] = 0m,
            ["TxnDate"] = DocumentPlanner.Date(date),
            ["Line"] = new JsonArray(
                new JsonObject
                {
                    ["Amount"] = amount,
                    ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = Placeholders.Document(invoiceRole), ["TxnType"] = "Invoice" }),
                },
                new JsonObject
                {
                    ["Amount"] = amount,
                    ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = Placeholders.Document(creditRole), ["TxnType"] = "CreditMemo" }),
                }),
        },
    };
}
