using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Ledger;

/// <summary>Invoices, sales receipts, credit memos and refund receipts post to A/R, income, tax and deposit accounts.</summary>
public sealed class SalesPostingTests
{
    [Fact]
    public async Task Invoice_Taxed_DebitsReceivableCreditsIncomeAndTaxPayable()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync(Bookkeeping.TaxedUs);

        var invoice = await sandbox.CreateAsync(token, "Invoice", Bookkeeping.TaxedInvoice, realm);
        var ledger = await Bookkeeping.LedgerAsync(sandbox, realm);
        var report = await Bookkeeping.TrialBalanceAsync(sandbox, token, realm);

        Assert.Equal(108m, invoice["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal(108m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(100m, Bookkeeping.Balance(ledger, "Services"));
        Assert.Equal(8m, Bookkeeping.Balance(ledger, "Sales Tax Payable"));
        Assert.Equal(108m, ledger["totals"]!["debit"]!.GetValue<decimal>());
        Assert.Equal(("108.00", ""), Bookkeeping.Row(report, "Accounts Receivable (A/R)"));
        Assert.Equal(("", "100.00"), Bookkeeping.Row(report, "Services"));
        Assert.Equal(("", "8.00"), Bookkeeping.Row(report, "Sales Tax Payable"));
    }

    [Fact]
    public async Task Invoice_DiscountLine_DebitsDiscountsGiven()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        await sandbox.CreateAsync(token, "Invoice", """
            {"CustomerRef":{"value":"1"},"Line":[
              {"DetailType":"SalesItemLineDetail","Amount":200,"SalesItemLineDetail":{"ItemRef":{"value":"4"}}},
              {"DetailType":"DiscountLineDetail","DiscountLineDetail":{"PercentBased":true,"DiscountPercent":10}}]}
            """);
        var ledger = await Bookkeeping.LedgerAsync(sandbox, TestSandbox.DemoRealm);
        await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm);

        Assert.Equal(180m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(200m, Bookkeeping.Balance(ledger, "Sales of Product Income"));

        // Discounts given is an income account: a discount is a debit there, so its natural balance is negative.
        Assert.Equal(-20m, Bookkeeping.Balance(ledger, "Discounts given"));
    }

    [Fact]
    public async Task SalesReceipt_DebitsUndepositedFundsNotReceivable()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync(Bookkeeping.TaxedUs);

        await sandbox.CreateAsync(token, "SalesReceipt", Bookkeeping.TaxedInvoice, realm);
        var ledger = await Bookkeeping.LedgerAsync(sandbox, realm);
        var report = await Bookkeeping.TrialBalanceAsync(sandbox, token, realm);

        Assert.Equal(108m, Bookkeeping.Balance(ledger, "Undeposited Funds"));
        Assert.Equal(0m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(100m, Bookkeeping.Balance(ledger, "Services"));
        Assert.Equal(8m, Bookkeeping.Balance(ledger, "Sales Tax Payable"));
        Assert.Null(Bookkeeping.Row(report, "Accounts Receivable (A/R)"));
    }

    [Fact]
    public async Task RefundReceipt_ReversesIncomeAndTaxFromTheRefundAccount()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync(Bookkeeping.TaxedUs);
        var sale = await sandbox.CreateAsync(token, "SalesReceipt", Bookkeeping.TaxedInvoice, realm);

        await sandbox.CreateAsync(token, "RefundReceipt", $$"""
            {"CustomerRef":{"value":"1"},"DepositToAccountRef":{"value":"5"},
             "LinkedTxn":[{"TxnId":"{{sale["Id"]}}","TxnType":"SalesReceipt"}],
             "Line":[{"DetailType":"SalesItemLineDetail","Amount":40,"SalesItemLineDetail":{"ItemRef":{"value":"1"},"TaxCodeRef":{"value":"TAX"} } }]}
            """, realm);
        var ledger = await Bookkeeping.LedgerAsync(sandbox, realm);
        await Bookkeeping.TrialBalanceAsync(sandbox, token, realm);

        // 40 + 8 % tax = 43.20 paid out of Checking (account 5).
        Assert.Equal(-43.20m, Bookkeeping.Balance(ledger, "Checking"));
        Assert.Equal(108m, Bookkeeping.Balance(ledger, "Undeposited Funds"));
        Assert.Equal(60m, Bookkeeping.Balance(ledger, "Services"));
        Assert.Equal(4.80m, Bookkeeping.Balance(ledger, "Sales Tax Payable"));
    }

    [Fact]
    public async Task CreditMemo_AppliedByAPayment_LeavesReceivableAtZero()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var realm = TestSandbox.DemoRealm;
        var invoice = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);
        var credit = await sandbox.CreateAsync(token, "CreditMemo", """
            {"CustomerRef":{"value":"1"},"Line":[{"DetailType":"SalesItemLineDetail","Amount":30,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}
            """);
        var afterCredit = await Bookkeeping.LedgerAsync(sandbox, realm);

        await sandbox.CreateAsync(token, "Payment", Bookkeeping.Payment(70m, ("Invoice", invoice["Id"]!.GetValue<string>(), 100m), ("CreditMemo", credit["Id"]!.GetValue<string>(), 30m)));
        var ledger = await Bookkeeping.LedgerAsync(sandbox, realm);
        await Bookkeeping.TrialBalanceAsync(sandbox, token, realm);

        Assert.Equal(70m, Bookkeeping.Balance(afterCredit, "Accounts Receivable (A/R)"));
        Assert.Equal(70m, Bookkeeping.Balance(afterCredit, "Services"));
        Assert.Equal(0m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(70m, Bookkeeping.Balance(ledger, "Undeposited Funds"));
        Assert.Equal(70m, Bookkeeping.Balance(ledger, "Services"));
    }

    [Fact]
    public async Task TaxInclusiveLine_PostsTheNetToIncomeAndTheTaxToTheLiability()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"AU"}""");
        using var codes = await sandbox.QueryAsync(token, "select * from TaxCode where Name = 'GST'", realm);
        var gst = (await TestSandbox.JsonAsync(codes))["QueryResponse"]!["TaxCode"]![0]!["Id"]!.GetValue<string>();

        await sandbox.CreateAsync(token, "Invoice", $$"""
            {"CustomerRef":{"value":"1"},"GlobalTaxCalculation":"TaxInclusive","Line":[
              {"DetailType":"SalesItemLineDetail","Amount":110,"SalesItemLineDetail":{"ItemRef":{"value":"1"},"TaxCodeRef":{"value":"{{gst}}"} } }]}
            """, realm);
        var ledger = await Bookkeeping.LedgerAsync(sandbox, realm);
        await Bookkeeping.TrialBalanceAsync(sandbox, token, realm);

        Assert.Equal(110m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(100m, Bookkeeping.Balance(ledger, "Services"));
        Assert.Equal(10m, Bookkeeping.Balance(ledger, "GST Liabilities Payable"));
    }
}
