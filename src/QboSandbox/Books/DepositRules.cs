using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// Deposit (Intuit's Deposit reference): DepositToAccountRef (a bank account) is required; each line
/// either moves a payment or sales receipt out of Undeposited Funds (LinkedTxn, TxnType Payment or
/// SalesReceipt) or records other money (DepositLineDetail.AccountRef). TotalAmt is the sum of the lines.
/// A transaction can be deposited once. Call under the gate.
/// </summary>
internal static class DepositRules
{
    public static JsonObject Build(Company company, JsonObject body, JsonObject request, CreateContext context, JsonObject? existing)
    {
        var accountId = JsonRead.RefValue(body, "DepositToAccountRef") ?? throw QboException.RequiredMissing("DepositToAccountRef");
        var account = References.Require(company, EntityNames.Account, accountId, "DepositToAccountRef", context);
        if (body["Line"] is not JsonArray requested || requested.Count == 0)
        {
            throw QboException.BusinessValidation("Business Validation Error: You must fill out at least one split line.", "Line");
        }

        var ownId = existing?["Id"]?.GetValue<string>();
        var lines = new JsonArray();
        decimal total = 0;
        foreach (var line in requested.OfType<JsonObject>())
        {
            var amount = JsonRead.Dec(line, "Amount") ?? throw QboException.RequiredMissing("Line.Amount");
            var stored = new JsonObject { ["Id"] = (lines.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ["LineNum"] = lines.Count + 1, ["Amount"] = amount };
            if ((line["LinkedTxn"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault() is { } link)
            {
                stored["LinkedTxn"] = new JsonArray(Linked(company, link, amount, ownId, context));
            }
            else
            {
                var detail = JsonRead.Obj(line, "DepositLineDetail") ?? throw QboException.RequiredMissing("Line.DepositLineDetail");
                var lineAccount = JsonRead.RefValue(detail, "AccountRef") ?? throw QboException.RequiredMissing("Line.DepositLineDetail.AccountRef");
                var row = References.Require(company, EntityNames.Account, lineAccount, "Line.DepositLineDetail.AccountRef", context);
                stored["DetailType"] = "DepositLineDetail";
                stored["DepositLineDetail"] = new JsonObject { ["AccountRef"] = JsonRead.Ref(lineAccount, EntityRow.Name(row, "Name")) };
            }

            total += amount;
            lines.Add(stored);
        }

        var table = company.Table(EntityNames.Deposit);
        var deposit = existing is null ? EntityRow.Start(table.NextId(), context.Now) : EntityRow.NextVersion(existing, context.Now);
        deposit["TxnDate"] = PacificTime.FormatDate(SalesFormFields.Date(body, "TxnDate") ?? context.Today);
        deposit["DepositToAccountRef"] = JsonRead.Ref(accountId, EntityRow.Name(account, "Name"));
        deposit["TotalAmt"] = total;
        deposit["Line"] = lines;
        EntityRow.CopyClientFields(deposit, body, "CurrencyRef", "ExchangeRate", "HomeTotalAmt");
        CurrencyRules.Stamp(company, deposit, body, CurrencyRules.Resolve(company, body, null), "TotalAmt");
        return deposit;
    }

    private static JsonObject Linked(Company company, JsonObject link, decimal amount, string? ownId, CreateContext context)
    {
        var type = JsonRead.Str(link, "TxnType");
        var id = JsonRead.Str(link, "TxnId") ?? throw QboException.RequiredMissing("Line.LinkedTxn.TxnId");
        if (type is not (EntityNames.Payment or EntityNames.SalesReceipt))
        {
            throw QboException.InvalidProperty($"Property Name:LinkedTxn.TxnType specified is unsupported or invalid: {type}");
        }

        var source = company.Table(type).Find(id);
        if (source is null || !context.CanReference(type, id))
        {
            throw References.InvalidReference("Line.LinkedTxn");
        }

        var alreadyIn = company.Table(EntityNames.Deposit).Rows.FirstOrDefault(d => d["Id"]!.GetValue<string>() != ownId
            && (d["Line"] as JsonArray ?? []).OfType<JsonObject>().Any(l => (l["LinkedTxn"] as JsonArray ?? []).OfType<JsonObject>()
                .Any(t => t["TxnType"]?.GetValue<string>() == type && t["TxnId"]?.GetValue<string>() == id)));
        if (alreadyIn is not null)
        {
            throw QboException.BusinessValidation($"Business Validation Error: {type} {id} is already in deposit {alreadyIn["Id"]}.", "Line.LinkedTxn");
        }

        if (amount != source["TotalAmt"]!.GetValue<decimal>())
        {
            throw QboException.BusinessValidation($"Business Validation Error: The deposit line amount must equal the {type} total.", "Line.Amount");
        }

        return new JsonObject { ["TxnId"] = id, ["TxnType"] = type, ["TxnLineId"] = "0" };
    }
}
