using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Ledger;

/// <summary>Foreign-currency documents post in home currency at their ExchangeRate, to the cent.</summary>
public sealed class MulticurrencyTests
{
    private static async Task<(string Realm, string Token, string Customer)> EuroCustomerAsync(TestSandbox sandbox)
    {
        var (realm, token) = await sandbox.CompanyAsync("""{"country":"US","multiCurrencyEnabled":true}""");
        var customer = await sandbox.CreateAsync(token, "Customer", """{"DisplayName":"Euro GmbH","CurrencyRef":{"value":"EUR"}}""", realm);
        return (realm, token, customer["Id"]!.GetValue<string>());
    }

    private static string Invoice(string customer, string amount, string rate) => $$"""
        {"CustomerRef":{"value":"{{customer}}"},"ExchangeRate":{{rate}},
         "Line":[{"DetailType":"SalesItemLineDetail","Amount":{{amount}},"SalesItemLineDetail":{"ItemRef":{"value":"1"} } }]}
        """;

    private static string Payment(string customer, string invoice, string amount, string rate) => $$"""
        {"CustomerRef":{"value":"{{customer}}"},"TotalAmt":{{amount}},"ExchangeRate":{{rate}},
         "Line":[{"Amount":{{amount}},"LinkedTxn":[{"TxnId":"{{invoice}}","TxnType":"Invoice"}]}]}
        """;

    [Fact]
    public async Task Invoice_InEuros_PostsHomeCurrencyAtItsRate()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token, customer) = await EuroCustomerAsync(sandbox);

        var invoice = await sandbox.CreateAsync(token, "Invoice", Invoice(customer, "100.05", "1.1"), realm);
        var ledger = await Bookkeeping.LedgerAsync(sandbox, realm);
        var report = await Bookkeeping.TrialBalanceAsync(sandbox, token, realm);

        // 100.05 EUR × 1.1 = 110.055 → 110.06 USD, as HomeTotalAmt says.
        Assert.Equal(110.06m, invoice["HomeTotalAmt"]!.GetValue<decimal>());
        Assert.Equal(110.06m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(110.06m, Bookkeeping.Balance(ledger, "Services"));
        Assert.Equal("USD", report["Header"]!["Currency"]!.GetValue<string>());
    }

    [Fact]
    public async Task Payment_AtAnotherRate_ClearsReceivableAndBooksTheExchangeGain()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token, customer) = await EuroCustomerAsync(sandbox);
        var invoice = await sandbox.CreateAsync(token, "Invoice", Invoice(customer, "100", "1.1"), realm);

        await sandbox.CreateAsync(token, "Payment", Payment(customer, invoice["Id"]!.GetValue<string>(), "100", "1.2"), realm);
        var ledger = await Bookkeeping.LedgerAsync(sandbox, realm);
        await Bookkeeping.TrialBalanceAsync(sandbox, token, realm);

        Assert.Equal(0m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(120m, Bookkeeping.Balance(ledger, "Undeposited Funds"));
        Assert.Equal(110m, Bookkeeping.Balance(ledger, "Services"));

        // Exchange Gain or Loss is an expense-type account: a 10 USD gain is a credit, so -10 in its natural sign.
        Assert.Equal(-10m, Bookkeeping.Balance(ledger, "Exchange Gain or Loss"));
    }

    [Fact]
    public async Task PartialPayments_RoundedEachTime_LeaveNoCentInReceivable()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var (realm, token, customer) = await EuroCustomerAsync(sandbox);
        var invoice = await sandbox.CreateAsync(token, "Invoice", Invoice(customer, "0.03", "1.5"), realm);
        var id = invoice["Id"]!.GetValue<string>();

        // 0.03 EUR × 1.5 = 0.045 → 0.05 USD; three payments of 0.01 EUR bring in 0.02 USD each.
        for (var i = 0; i < 3; i++)
        {
            await sandbox.CreateAsync(token, "Payment", Payment(customer, id, "0.01", "1.5"), realm);
        }

        var ledger = await Bookkeeping.LedgerAsync(sandbox, realm);
        await Bookkeeping.TrialBalanceAsync(sandbox, token, realm);

        Assert.Equal(0m, Bookkeeping.Balance(ledger, "Accounts Receivable (A/R)"));
        Assert.Equal(0.06m, Bookkeeping.Balance(ledger, "Undeposited Funds"));
        Assert.Equal(-0.01m, Bookkeeping.Balance(ledger, "Exchange Gain or Loss"));
    }

    [Fact]
    public async Task TurningMulticurrencyOn_AddsTheExchangeGainOrLossAccount()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        sandbox.State.UpdateCompanySettings(TestSandbox.DemoRealm, new QboSandbox.State.CompanySettings { MultiCurrencyEnabled = true });
        using var response = await sandbox.QueryAsync(token, "select * from Account where Name = 'Exchange Gain or Loss'");
        var account = (await TestSandbox.JsonAsync(response))["QueryResponse"]!["Account"]![0]!;
        await Bookkeeping.TrialBalanceAsync(sandbox, token, TestSandbox.DemoRealm);

        Assert.Equal("Other Expense", account["AccountType"]!.GetValue<string>());
        Assert.Equal("ExchangeGainOrLoss", account["AccountSubType"]!.GetValue<string>());
    }
}
