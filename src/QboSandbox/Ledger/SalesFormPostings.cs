using System.Text.Json.Nodes;
using QboSandbox.State;

namespace QboSandbox.Ledger;

/// <summary>
/// Sales forms (Intuit's Invoice, SalesReceipt, CreditMemo and RefundReceipt references; QBO's accrual posting):
/// - Invoice: Dr Accounts Receivable TotalAmt; Cr each item line's income account for the line Amount (the net
///   amount when tax-inclusive: the stored Amount is net and TaxInclusiveAmt the gross); Dr the discount account
///   (DiscountLineDetail.DiscountAccountRef, else Discounts given) for discount lines; Cr the tax liability for each
///   TxnTaxDetail.TaxLine.
/// - SalesReceipt: the same, with DepositToAccountRef (Undeposited Funds by default) in place of A/R.
/// - CreditMemo and RefundReceipt: the mirror image (Dr income and tax, Cr discounts, Cr A/R or DepositToAccountRef).
/// TotalAmt = item lines − discounts + tax (SalesFormRules), so each entry balances in the document's currency.
/// Lines without ItemRef are documentation only and post nothing (REFERENCE §3.1). A voided form has every
/// amount zeroed and so posts nothing.
/// </summary>
internal static class SalesFormPostings
{
    public static LedgerEntry For(string txnType, JsonObject row, LedgerAccounts accounts)
    {
        var isSale = txnType is EntityNames.Invoice or EntityNames.SalesReceipt;
        var anchor = txnType is EntityNames.Invoice or EntityNames.CreditMemo
            ? accounts.Receivable
            : accounts.Existing(Documents.RefValue(row, "DepositToAccountRef"), accounts.UndepositedFunds);

        // Sales post to the anchor's debit side, credits and refunds to its credit side.
        var sign = isSale ? 1m : -1m;
        var entry = new EntryBuilder(txnType, Documents.Id(row), Documents.Date(row), Documents.Rate(row))
            .Debit(anchor, sign * Documents.Amount(row, "TotalAmt"));
        foreach (var line in Documents.Lines(row))
        {
            switch (line["DetailType"]?.GetValue<string>())
            {
                case "SalesItemLineDetail" when line["SalesItemLineDetail"] is JsonObject detail && detail["ItemRef"] is JsonObject:
                    entry.Credit(accounts.IncomeOf(Documents.RefValue(detail, "ItemRef")), sign * Documents.Amount(line, "Amount"), Documents.Text(line, "Description"));
                    break;
                case "DiscountLineDetail":
                    var discountAccount = Documents.RefValue(line["DiscountLineDetail"] as JsonObject, "DiscountAccountRef");
                    entry.Debit(accounts.Existing(discountAccount, accounts.DiscountsGiven), sign * Documents.Amount(line, "Amount"), Documents.Text(line, "Description"));
                    break;
            }
        }

        foreach (var taxLine in (row["TxnTaxDetail"]?["TaxLine"] as JsonArray ?? []).OfType<JsonObject>())
        {
            entry.Credit(accounts.TaxPayable, sign * Documents.Amount(taxLine, "Amount"));
        }

        return entry.Build();
    }
}
