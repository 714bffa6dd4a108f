using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// Payment (Intuit's Payment reference and sample): CustomerRef and TotalAmt required; each line applies
/// an Amount to an Invoice (or uses a CreditMemo) of the same customer through LinkedTxn; what is not
/// applied stays as UnappliedAmt (TotalAmt = applied to invoices − credits used + unapplied). Money goes
/// to DepositToAccountRef, by default Undeposited Funds. Over-applying is refused with 6000 (QBO's
/// exact text is not published). Call under the gate.
/// </summary>
internal static class PaymentRules
{
    public static JsonObject Build(Company company, JsonObject body, JsonObject request, CreateContext context, JsonObject? existing)
    {
        var customerId = JsonRead.RefValue(body, "CustomerRef") ?? throw QboException.RequiredMissing("CustomerRef");
        var customer = References.Require(company, EntityNames.Customer, customerId, "CustomerRef", context);
        var total = JsonRead.Dec(body, "TotalAmt") ?? throw QboException.RequiredMissing("TotalAmt");
        if (total < 0)
        {
            throw QboException.BusinessValidation("Business Validation Error: A payment amount cannot be negative.", "TotalAmt");
        }

        var currency = CurrencyRules.Resolve(company, body, customer);
        var ownId = existing?["Id"]?.GetValue<string>();
        var lines = new JsonArray();
        decimal applied = 0;
        foreach (var line in (body["Line"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var amount = JsonRead.Dec(line, "Amount") ?? throw QboException.RequiredMissing("Line.Amount");
            var link = (line["LinkedTxn"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault()
                ?? throw QboException.RequiredMissing("Line.LinkedTxn");
            var type = JsonRead.Str(link, "TxnType");
            var txnId = JsonRead.Str(link, "TxnId") ?? throw QboException.RequiredMissing("Line.LinkedTxn.TxnId");
            var target = Target(company, type, txnId, customerId, context);
            var open = Open(target, type!) + PaymentApplications.AppliedTo(company, type!, txnId, ownId) - PaymentApplications.AppliedTo(company, type!, txnId);
            if (amount <= 0 || amount > open)
            {
                throw QboException.BusinessValidation(
                    $"Business Validation Error: The amount applied to {type} {txnId} ({amount}) must be more than 0 and at most its open balance ({open}).",
                    "Line.Amount");
            }

            applied += type == EntityNames.Invoice ? amount : -amount;
            lines.Add(new JsonObject
            {
                ["Amount"] = amount,
                ["LinkedTxn"] = new JsonArray(new JsonObject { ["TxnId"] = txnId, ["TxnType"] = type }),
            });
        }

        if (applied > total)
        {
            throw QboException.BusinessValidation(
                $"Business Validation Error: The payment total ({total}) is less than the amount applied ({applied}).", "TotalAmt");
        }

        var table = company.Table(EntityNames.Payment);
        var row = existing is null ? EntityRow.Start(table.NextId(), context.Now) : EntityRow.NextVersion(existing, context.Now);
        row["TxnDate"] = PacificTime.FormatDate(SalesFormFields.Date(body, "TxnDate") ?? context.Today);
        row["CustomerRef"] = JsonRead.Ref(customerId, EntityRow.Name(customer, "DisplayName"));
        row["TotalAmt"] = total;
        row["UnappliedAmt"] = total - applied;
        row["ProcessPayment"] = false;
        row["Line"] = lines;
        var account = JsonRead.RefValue(body, "DepositToAccountRef") is { } accountId
            ? References.Require(company, EntityNames.Account, accountId, "DepositToAccountRef", context)
            : CompanySetup.AccountBySubType(company, ChartOfAccounts.UndepositedFunds);
        if (account is not null)
        {
            row["DepositToAccountRef"] = JsonRead.Ref(account["Id"]!.GetValue<string>(), EntityRow.Name(account, "Name"));
        }

        EntityRow.CheckLength(JsonRead.Str(body, "PaymentRefNum"), "PaymentRefNum", 21);
        EntityRow.CopyClientFields(row, body, "UnappliedAmt", "ExchangeRate", "CurrencyRef", "HomeTotalAmt");
        CurrencyRules.Stamp(company, row, body, currency, "TotalAmt");
        return row;
    }

    /// <summary>After a payment is written, voided or deleted, the documents it touched get new balances.</summary>
    public static void AfterWrite(Company company, JsonObject? before, JsonObject? after, DateTimeOffset now)
    {
        foreach (var (type, id) in PaymentApplications.Targets(before).Concat(PaymentApplications.Targets(after)).Distinct())
        {
            PaymentApplications.Refresh(company, type, id, now);
        }
    }

    private static JsonObject Target(Company company, string? type, string id, string customerId, CreateContext context)
    {
        if (type is not (EntityNames.Invoice or EntityNames.CreditMemo))
        {
            throw QboException.InvalidProperty($"Property Name:LinkedTxn.TxnType specified is unsupported or invalid: {type}");
        }

        var target = company.Table(type).Find(id);
        if (target is null || !context.CanReference(type, id))
        {
            throw References.InvalidReference("Line.LinkedTxn");
        }

        if (target["CustomerRef"]?["value"]?.GetValue<string>() != customerId)
        {
            throw QboException.BusinessValidation(
                $"Business Validation Error: {type} {id} belongs to another customer than the payment.", "Line.LinkedTxn");
        }

        return target;
    }

    private static decimal Open(JsonObject target, string type) =>
        type == EntityNames.Invoice ? target["Balance"]!.GetValue<decimal>() : target["RemainingCredit"]?.GetValue<decimal>() ?? 0m;
}
