using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Ledger;

/// <summary>Payments move receivables into Undeposited Funds; deposits move those funds to the bank.</summary>
public sealed class PaymentPostingTests
{
    [Fact]
    public async Task Payment_InFull_ReceivableZeroAndUndepositedFundsHoldTheTotal()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync(Bookkeeping.TaxedUs);
        var invoice = await sandbox.CreateAsync(token, "Invoice", Bookkeeping.TaxedInvoice, realm);

        await sandbox.CreateAsync(token, "Payment", Bookkeeping.Payment(108m, ("Invoice", invoice["Id"]!.GetValue<string>(), 108m)), realm);
        var ledger = await Bookkeeping.LedgerAsync(sandbox, realm);
        var report = await Bookkeeping.TrialBalanceAsync(sandbox, token, realm);

        Assert.Equal(0m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(108m, Bookkeeping.Balance(ledger, "Undeposited Funds"));
        Assert.Equal(100m, Bookkeeping.Balance(ledger, "Services"));
        Assert.Equal(8m, Bookkeeping.Balance(ledger, "Sales Tax Payable"));
        Assert.Null(Bookkeeping.Row(report, "Accounts Receivable (A/R)"));
        Assert.Equal(("108.00", ""), Bookkeeping.Row(report, "Undeposited Funds"));
    }

    [Fact]
    public async Task Payment_PartialWithUnappliedAmount_ReceivableKeepsTheRestLessTheCredit()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var invoice = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);

        // Intuit's Payment sample: 65 received, 55 applied, 10 unapplied (a customer credit, still in A/R).
        await sandbox.CreateAsync(token, "Payment", Bookkeeping.Payment(65m, ("Invoice", invoice["Id"]!.GetValue<string>(), 55m)));
        var ledger = await Bookkeeping.LedgerAsync(sandbox, TestSandbox.DemoRealm);
        await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm);

        Assert.Equal(35m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(65m, Bookkeeping.Balance(ledger, "Undeposited Funds"));
        Assert.Equal(100m, Bookkeeping.Balance(ledger, "Services"));
    }

    [Fact]
    public async Task Payment_WithoutInvoice_IsACreditInReceivable()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        await sandbox.CreateAsync(token, "Payment", Bookkeeping.Payment(25m));
        var ledger = await Bookkeeping.LedgerAsync(sandbox, TestSandbox.DemoRealm);
        var report = await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm);

        Assert.Equal(-25m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(("", "25.00"), Bookkeeping.Row(report, "Accounts Receivable (A/R)"));
    }

    [Fact]
    public async Task Deposit_LinkedPayment_MovesUndepositedFundsToTheBank()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var invoice = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);
        var payment = await sandbox.CreateAsync(token, "Payment", Bookkeeping.Payment(100m, ("Invoice", invoice["Id"]!.GetValue<string>(), 100m)));

        await sandbox.CreateAsync(token, "Deposit", $$"""
            {"DepositToAccountRef":{"value":"5"},"Line":[
              {"Amount":100,"LinkedTxn":[{"TxnId":"{{payment["Id"]}}","TxnType":"Payment"}]},
              {"Amount":12.5,"DetailType":"DepositLineDetail","DepositLineDetail":{"AccountRef":{"value":"9"} } }]}
            """);
        var ledger = await Bookkeeping.LedgerAsync(sandbox, TestSandbox.DemoRealm);
        await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm);

        Assert.Equal(0m, Bookkeeping.Balance(ledger, "Undeposited Funds"));
        Assert.Equal(112.5m, Bookkeeping.Balance(ledger, "Checking"));
        Assert.Equal(12.5m, Bookkeeping.Balance(ledger, "Opening Balance Equity"));
        Assert.Equal(0m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
    }
}
