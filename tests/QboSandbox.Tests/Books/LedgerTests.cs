using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Books;

/// <summary>Payments, credit memos, refunds, deposits and voids keep balances and links as QBO does.</summary>
public sealed class LedgerTests
{
    private const string Sale = """
        {"CustomerRef":{"value":"1"},"Line":[{"DetailType":"SalesItemLineDetail","Amount":100,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}
        """;

    private static string Payment(decimal total, params (string Type, string Id, decimal Amount)[] links) =>
        "{\"CustomerRef\":{\"value\":\"1\"},\"TotalAmt\":" + total + ",\"Line\":[" + string.Join(",", links.Select(l =>
            "{\"Amount\":" + l.Amount + ",\"LinkedTxn\":[{\"TxnId\":\"" + l.Id + "\",\"TxnType\":\"" + l.Type + "\"}]}")) + "]}";

    [Fact]
    public async Task Payment_FullAmount_InvoiceBalanceZeroAndListsPayment()
    {
        // Intuit's Payment sample: Line[].LinkedTxn {TxnId, TxnType:"Invoice"}; the paid invoice lists the payment.
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var invoice = await sandbox.CreateAsync(token, "Invoice", Sale);
        var id = invoice["Id"]!.GetValue<string>();

        var payment = await sandbox.CreateAsync(token, "Payment", Payment(100m, ("Invoice", id, 100m)));
        var paid = await sandbox.ReadAsync(token, "Invoice", id);

        Assert.Equal(0m, payment["UnappliedAmt"]!.GetValue<decimal>());
        Assert.Equal("Undeposited Funds", payment["DepositToAccountRef"]!["name"]!.GetValue<string>());
        Assert.Equal(0m, paid["Balance"]!.GetValue<decimal>());
        Assert.Equal("1", paid["SyncToken"]!.GetValue<string>());
        var link = paid["LinkedTxn"]!.AsArray().Single()!;
        Assert.Equal(payment["Id"]!.GetValue<string>(), link["TxnId"]!.GetValue<string>());
        Assert.Equal("Payment", link["TxnType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Payment_Partial_LeavesTheRestAndKeepsUnapplied()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var id = (await sandbox.CreateAsync(token, "Invoice", Sale))["Id"]!.GetValue<string>();

        var payment = await sandbox.CreateAsync(token, "Payment", Payment(65m, ("Invoice", id, 55m)));
        var invoice = await sandbox.ReadAsync(token, "Invoice", id);

        // As in Intuit's Payment sample: TotalAmt 65, 55 applied, UnappliedAmt 10.
        Assert.Equal(10m, payment["UnappliedAmt"]!.GetValue<decimal>());
        Assert.Equal(45m, invoice["Balance"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Payment_MoreThanTheBalance_Refused()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var id = (await sandbox.CreateAsync(token, "Invoice", Sale))["Id"]!.GetValue<string>();

        using var response = await sandbox.PostAsync(token, "payment", Payment(150m, ("Invoice", id, 150m)));
        using var missing = await sandbox.PostAsync(token, "payment", Payment(10m, ("Invoice", "999", 10m)));

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "6000");
        await TestSandbox.FaultAsync(missing, HttpStatusCode.BadRequest, "2500");
    }

    [Fact]
    public async Task VoidPayment_ReopensTheInvoice_AndAPaidInvoiceCannotBeVoided()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var id = (await sandbox.CreateAsync(token, "Invoice", Sale))["Id"]!.GetValue<string>();
        var payment = await sandbox.CreateAsync(token, "Payment", Payment(100m, ("Invoice", id, 100m)));

        using var voidInvoice = await sandbox.PostAsync(token, "invoice?operation=void", $$"""{"Id":"{{id}}","SyncToken":"1"}""");
        var voided = await sandbox.CreateAsync(token, "Payment?operation=void", $$"""{"Id":"{{payment["Id"]}}","SyncToken":"0"}""");
        var invoice = await sandbox.ReadAsync(token, "Invoice", id);

        await TestSandbox.FaultAsync(voidInvoice, HttpStatusCode.BadRequest, "6000");
        Assert.Equal(0m, voided["TotalAmt"]!.GetValue<decimal>());
        Assert.StartsWith("Voided", voided["PrivateNote"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(100m, invoice["Balance"]!.GetValue<decimal>());
        Assert.Empty(invoice["LinkedTxn"]!.AsArray());
    }

    [Fact]
    public async Task CreditMemo_AppliedThroughPayment_ReducesInvoiceAndRemainingCredit()
    {
        // QBO applies a credit memo to an invoice with a payment whose lines link both (TotalAmt 0 here).
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var invoice = (await sandbox.CreateAsync(token, "Invoice", Sale))["Id"]!.GetValue<string>();
        var memo = await sandbox.CreateAsync(token, "CreditMemo", """
            {"CustomerRef":{"value":"1"},"Line":[{"DetailType":"SalesItemLineDetail","Amount":30,"SalesItemLineDetail":{"ItemRef":{"value":"1"}}}]}
            """);
        var memoId = memo["Id"]!.GetValue<string>();

        await sandbox.CreateAsync(token, "Payment", Payment(0m, ("Invoice", invoice, 30m), ("CreditMemo", memoId, 30m)));
        var after = await sandbox.ReadAsync(token, "CreditMemo", memoId);
        var paid = await sandbox.ReadAsync(token, "Invoice", invoice);

        Assert.Equal(30m, memo["RemainingCredit"]!.GetValue<decimal>());
        Assert.Equal(0m, after["RemainingCredit"]!.GetValue<decimal>());
        Assert.Equal(70m, paid["Balance"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task RefundReceipt_LinkedToTheSale_RequiresRefundAccount()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var receipt = await sandbox.CreateAsync(token, "SalesReceipt", Sale);
        using var accounts = await sandbox.QueryAsync(token, "select * from Account where AccountType = 'Bank'");
        var bank = (await TestSandbox.JsonAsync(accounts))["QueryResponse"]!["Account"]![0]!["Id"]!.GetValue<string>();
        var body = "{\"CustomerRef\":{\"value\":\"1\"},\"LinkedTxn\":[{\"TxnId\":\"" + receipt["Id"] + "\",\"TxnType\":\"SalesReceipt\"}],"
            + "\"Line\":[{\"DetailType\":\"SalesItemLineDetail\",\"Amount\":40,\"SalesItemLineDetail\":{\"ItemRef\":{\"value\":\"1\"}}}]";

        using var noAccount = await sandbox.PostAsync(token, "refundreceipt", body + "}");
        var refund = await sandbox.CreateAsync(token, "RefundReceipt", body + ",\"DepositToAccountRef\":{\"value\":\"" + bank + "\"}}");

        await TestSandbox.FaultAsync(noAccount, HttpStatusCode.BadRequest, "2020");
        Assert.Equal(40m, refund["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal(receipt["Id"]!.GetValue<string>(), refund["LinkedTxn"]![0]!["TxnId"]!.GetValue<string>());
    }

    [Fact]
    public async Task Deposit_MovesAPaymentOnce()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var invoice = (await sandbox.CreateAsync(token, "Invoice", Sale))["Id"]!.GetValue<string>();
        var payment = (await sandbox.CreateAsync(token, "Payment", Payment(100m, ("Invoice", invoice, 100m))))["Id"]!.GetValue<string>();
        using var accounts = await sandbox.QueryAsync(token, "select * from Account where AccountType = 'Bank'");
        var bank = (await TestSandbox.JsonAsync(accounts))["QueryResponse"]!["Account"]![0]!["Id"]!.GetValue<string>();
        var body = "{\"DepositToAccountRef\":{\"value\":\"" + bank + "\"},\"Line\":[{\"Amount\":100,\"LinkedTxn\":[{\"TxnId\":\"" + payment + "\",\"TxnType\":\"Payment\",\"TxnLineId\":\"0\"}]}]}";

        var deposit = await sandbox.CreateAsync(token, "Deposit", body);
        using var again = await sandbox.PostAsync(token, "deposit", body);

        Assert.Equal(100m, deposit["TotalAmt"]!.GetValue<decimal>());
        await TestSandbox.FaultAsync(again, HttpStatusCode.BadRequest, "6000");
    }

    [Fact]
    public async Task SalesReceipt_VoidAndDelete()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        var receipt = await sandbox.CreateAsync(token, "SalesReceipt", Sale);
        var second = await sandbox.CreateAsync(token, "SalesReceipt", Sale);

        var voided = await sandbox.CreateAsync(token, "SalesReceipt?operation=void", $$"""{"Id":"{{receipt["Id"]}}","SyncToken":"0"}""");
        var deleted = await sandbox.CreateAsync(token, "SalesReceipt?operation=delete", $$"""{"Id":"{{second["Id"]}}","SyncToken":"0"}""");
        using var read = await sandbox.GetAsync(token, $"salesreceipt/{second["Id"]}");

        Assert.Equal(0m, voided["TotalAmt"]!.GetValue<decimal>());
        Assert.Equal(0m, voided["Line"]![0]!["Amount"]!.GetValue<decimal>());
        Assert.Equal("Deleted", deleted["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, read.StatusCode);
    }
}
