using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Ledger;

/// <summary>The ledger follows the documents as they are now: updates, voids and deletes.</summary>
public sealed class ChangeTests
{
    [Fact]
    public async Task Void_Invoice_PostsNothing()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync(Bookkeeping.TaxedUs);
        var invoice = await sandbox.CreateAsync(token, "Invoice", Bookkeeping.TaxedInvoice, realm);

        await sandbox.CreateAsync(token, "Invoice?operation=void", $$"""{"Id":"{{invoice["Id"]}}","SyncToken":"0"}""", realm);
        var ledger = await Bookkeeping.LedgerAsync(sandbox, realm);
        var report = await Bookkeeping.TrialBalanceAsync(sandbox, token, realm);

        Assert.All(ledger["accounts"]!.AsArray(), a => Assert.Equal(0m, a!["balance"]!.GetValue<decimal>()));
        Assert.Equal("true", report["Header"]!["Option"]![0]!["Value"]!.GetValue<string>());
    }

    [Fact]
    public async Task Void_Payment_PutsTheInvoiceBackInReceivable()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var invoice = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);
        var payment = await sandbox.CreateAsync(token, "Payment", Bookkeeping.Payment(100m, ("Invoice", invoice["Id"]!.GetValue<string>(), 100m)));

        await sandbox.CreateAsync(token, "Payment?operation=void", $$"""{"Id":"{{payment["Id"]}}","SyncToken":"0"}""");
        var ledger = await Bookkeeping.LedgerAsync(sandbox, TestSandbox.DemoRealm);
        await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm);

        Assert.Equal(100m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(0m, Bookkeeping.Balance(ledger, "Undeposited Funds"));
    }

    [Fact]
    public async Task Delete_Invoice_RemovesItsPostings()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var kept = await sandbox.CreateAsync(token, "Invoice", Invoices.WithDocNumber("K-1"));
        var deleted = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);

        await sandbox.CreateAsync(token, "Invoice?operation=delete", $$"""{"Id":"{{deleted["Id"]}}","SyncToken":"0"}""");
        var ledger = await Bookkeeping.LedgerAsync(sandbox, TestSandbox.DemoRealm);
        await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm);

        Assert.Equal(kept["TotalAmt"]!.GetValue<decimal>(), Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(10m, Bookkeeping.Balance(ledger, "Services"));
    }

    [Fact]
    public async Task Update_Invoice_PostsTheNewAmounts()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var invoice = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);

        await sandbox.CreateAsync(token, "Invoice?operation=update", $$"""
            {"Id":"{{invoice["Id"]}}","SyncToken":"0","sparse":true,
             "Line":[{"DetailType":"SalesItemLineDetail","Amount":40,"SalesItemLineDetail":{"ItemRef":{"value":"4"} } }]}
            """);
        var ledger = await Bookkeeping.LedgerAsync(sandbox, TestSandbox.DemoRealm);
        await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm);

        Assert.Equal(40m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(0m, Bookkeeping.Balance(ledger, "Services"));
        Assert.Equal(40m, Bookkeeping.Balance(ledger, "Sales of Product Income"));
    }
}
