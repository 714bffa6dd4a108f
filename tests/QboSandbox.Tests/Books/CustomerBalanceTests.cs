using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Books;

/// <summary>
/// Customer.Balance is the customer's current open balance and BalanceWithJobs adds its sub-customers' (Intuit's
/// Customer reference), however the customer is read.
/// </summary>
public sealed class CustomerBalanceTests
{
    private static string Sale(string customer, decimal amount) =>
        "{\"CustomerRef\":{\"value\":\"" + customer + "\"},\"Line\":[{\"DetailType\":\"SalesItemLineDetail\",\"Amount\":" +
        Bookkeeping.Text(amount) + ",\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"1\"}}}]}";

    [Fact]
    public async Task Balance_FollowsInvoicesPaymentsAndCreditMemos()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var customer = await sandbox.CreateAsync(token, "Customer", """{"DisplayName":"Open Balance Co"}""");
        var id = customer["Id"]!.GetValue<string>();

        var invoice = (await sandbox.CreateAsync(token, "Invoice", Sale(id, 100m)))["Id"]!.GetValue<string>();
        var afterInvoice = await sandbox.ReadAsync(token, "Customer", id);
        await sandbox.CreateAsync(token, "Payment",
            $$"""{"CustomerRef":{"value":"{{id}}"},"TotalAmt":30,"Line":[{"Amount":30,"LinkedTxn":[{"TxnId":"{{invoice}}","TxnType":"Invoice"}]}]}""");
        var afterPayment = await sandbox.ReadAsync(token, "Customer", id);
        await sandbox.CreateAsync(token, "CreditMemo", Sale(id, 25m));
        await sandbox.CreateAsync(token, "Payment", $$"""{"CustomerRef":{"value":"{{id}}"},"TotalAmt":5}""");
        var afterCredits = await sandbox.ReadAsync(token, "Customer", id);
        using var query = await sandbox.QueryAsync(token, "select * from Customer where Balance > '0'");
        var open = (await TestSandbox.JsonAsync(query))["QueryResponse"]!["Customer"]!.AsArray();

        Assert.Equal(0m, customer["Balance"]!.GetValue<decimal>());
        Assert.Equal(100m, afterInvoice["Balance"]!.GetValue<decimal>());
        Assert.Equal(100m, afterInvoice["BalanceWithJobs"]!.GetValue<decimal>());
        Assert.Equal(70m, afterPayment["Balance"]!.GetValue<decimal>());
        // 70 still owed on the invoice, less 25 of credit and 5 paid but not applied.
        Assert.Equal(40m, afterCredits["Balance"]!.GetValue<decimal>());
        var listed = Assert.Single(open, c => c!["Id"]!.GetValue<string>() == id);
        Assert.Equal(40m, listed!["Balance"]!.GetValue<decimal>());
        Assert.Equal("0", afterCredits["SyncToken"]!.GetValue<string>());
    }

    [Fact]
    public async Task BalanceWithJobs_AddsSubCustomers()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var parent = (await sandbox.CreateAsync(token, "Customer", """{"DisplayName":"Parent Co"}"""))["Id"]!.GetValue<string>();
        var job = (await sandbox.CreateAsync(token, "Customer",
            $$$"""{"DisplayName":"Parent Job","Job":true,"ParentRef":{"value":"{{{parent}}}"}}"""))["Id"]!.GetValue<string>();
        await sandbox.CreateAsync(token, "Invoice", Sale(parent, 10m));
        await sandbox.CreateAsync(token, "Invoice", Sale(job, 40m));

        var read = await sandbox.ReadAsync(token, "Customer", parent);
        using var batch = await sandbox.PostAsync(token, "batch",
            $$"""{"BatchItemRequest":[{"bId":"1","Query":"select * from Customer where Id = '{{job}}'"}]}""");
        var batched = (await TestSandbox.JsonAsync(batch))["BatchItemResponse"]![0]!["QueryResponse"]!["Customer"]![0]!.AsObject();

        Assert.Equal(10m, read["Balance"]!.GetValue<decimal>());
        Assert.Equal(50m, read["BalanceWithJobs"]!.GetValue<decimal>());
        Assert.Equal(40m, batched["Balance"]!.GetValue<decimal>());
        Assert.Equal(40m, batched["BalanceWithJobs"]!.GetValue<decimal>());
    }
}
