using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Ledger;

/// <summary>Account.CurrentBalance follows the ledger with QBO's sign: debit minus credit, 0 for income and expense.</summary>
public sealed class CurrentBalanceTests
{
    [Fact]
    public async Task AccountRead_AfterATaxedInvoice_ReceivablePositiveLiabilityNegativeIncomeZero()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token) = await sandbox.CompanyAsync(Bookkeeping.TaxedUs);
        await sandbox.CreateAsync(token, "Invoice", Bookkeeping.TaxedInvoice, realm);

        var receivable = await sandbox.ReadAsync(token, "Account", "3", realm);
        var taxPayable = await sandbox.ReadAsync(token, "Account", "7", realm);
        var income = await sandbox.ReadAsync(token, "Account", "1", realm);
        await Bookkeeping.TrialBalanceAsync(sandbox, token, realm);

        Assert.Equal(108m, receivable["CurrentBalance"]!.GetValue<decimal>());
        Assert.Equal(108m, receivable["CurrentBalanceWithSubAccounts"]!.GetValue<decimal>());
        Assert.Equal(-8m, taxPayable["CurrentBalance"]!.GetValue<decimal>());
        Assert.Equal(0m, income["CurrentBalance"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task AccountQuery_FiltersOnTheLedgerBalance()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var invoice = await sandbox.CreateAsync(token, "Invoice", Invoices.Minimal);
        await sandbox.CreateAsync(token, "Payment", Bookkeeping.Payment(60m, ("Invoice", invoice["Id"]!.GetValue<string>(), 60m)));

        using var response = await sandbox.QueryAsync(token, "select * from Account where CurrentBalance > '0' orderby Name");
        var accounts = (await TestSandbox.JsonAsync(response))["QueryResponse"]!["Account"]!.AsArray();
        await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm);

        Assert.Equal(["Accounts Receivable (A/R)", "Undeposited Funds"], accounts.Select(a => a!["Name"]!.GetValue<string>()));
        Assert.Equal([40m, 60m], accounts.Select(a => a!["CurrentBalance"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task SubAccount_CountsInItsParentsBalanceWithSubAccounts()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var savings = await sandbox.CreateAsync(token, "Account", """{"Name":"Savings","AccountType":"Bank","ParentRef":{"value":"5"}}""");
        await sandbox.CreateAsync(token, "SalesReceipt", $$"""
            {"DepositToAccountRef":{"value":"{{savings["Id"]}}"},"Line":[{"DetailType":"SalesItemLineDetail","Amount":30,"SalesItemLineDetail":{"ItemRef":{"value":"1"} } }]}
            """);

        var checking = await sandbox.ReadAsync(token, "Account", "5");
        await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm);

        Assert.Equal(0m, checking["CurrentBalance"]!.GetValue<decimal>());
        Assert.Equal(30m, checking["CurrentBalanceWithSubAccounts"]!.GetValue<decimal>());
    }
}
