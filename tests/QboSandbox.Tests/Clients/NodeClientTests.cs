using System.Text.Json.Nodes;
using QboSandbox.State;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Clients;

/// <summary>
/// The sandbox accepted, unchanged, by Intuit's OAuth client for Node (intuit-oauth) and by node-quickbooks: the scripts
/// of tests/fixtures/qbo-clients change only the libraries' endpoint URLs and report what the libraries return.
/// </summary>
public sealed class NodeClientTests
{
    [Fact]
    public async Task IntuitOAuth_ConnectsValidatesRefreshesAndRevokes()
    {
        await using var sandbox = await StartAsync();

        var result = await NodeClients.RunAsync("intuit-oauth.js", sandbox.BaseUrl);

        Assert.StartsWith(sandbox.BaseUrl + "connect/oauth2?", Text(result, "authorizeUri"), StringComparison.Ordinal);
        Assert.Equal("state-node-1", Text(result, "callback", "state"));
        Assert.Equal(SandboxState.FirstRealmId, Text(result, "callback", "realmId"));
        Assert.Equal(200, Number(result, "created", "status"));
        Assert.Equal("bearer", Text(result, "created", "tokenType"));
        Assert.Equal(3600, Number(result, "created", "expiresIn"));
        Assert.Equal(8_726_400, Number(result, "created", "refreshExpiresIn"));
        // Five years at most, sent because the client asked with x-include-refresh-token-hard-expires-in.
        Assert.InRange(Number(result, "created", "refreshHardExpiresIn"), 8_726_400, 5 * 365 * 86_400);
        Assert.True(Flag(result, "created", "hasIdToken"));
        Assert.Equal(SandboxState.FirstRealmId, Text(result, "token", "realmId"));
        Assert.True(Flag(result, "token", "accessTokenValid"));
        Assert.True(Flag(result, "token", "refreshTokenValid"));
        Assert.True(Flag(result, "idTokenValid"));

        Assert.False(string.IsNullOrEmpty(Text(result, "userInfo", "sub")));
        Assert.Equal("sandbox.user@example.com", Text(result, "userInfo", "email"));
        Assert.Equal("Sandbox", Text(result, "userInfo", "givenName"));
        Assert.Equal("CA", Text(result, "userInfo", "address", "region"));

        Assert.Equal(200, Number(result, "companyInfo", "status"));
        Assert.Equal("Sandbox Company_US_1", Text(result, "companyInfo", "companyName"));
        Assert.Equal("Sandbox Company_US_1", Text(result, "companyInfo", "relativeCompanyName"));

        // Inside the rotation interval a refresh returns the same refresh value and a new access token.
        Assert.Equal(200, Number(result, "refresh", "status"));
        Assert.True(Flag(result, "refresh", "newAccessToken"));
        Assert.True(Flag(result, "refresh", "sameRefreshToken"));
        Assert.True(Flag(result, "refresh", "accessTokenValid"));
        Assert.Equal("Sandbox Company_US_1", Text(result, "refresh", "companyName"));

        // makeApiCall turns a 400 Fault into an OAuthError carrying the Fault's code, message, type and intuit_tid.
        Assert.True(Flag(result, "fault", "thrown"));
        Assert.Equal("OAuthError", Text(result, "fault", "name"));
        Assert.Equal("610", Text(result, "fault", "code"));
        Assert.Equal("Object Not Found", Text(result, "fault", "message"));
        Assert.Equal("ValidationFault", Text(result, "fault", "faultType"));
        Assert.StartsWith("1-", Text(result, "fault", "intuitTid"), StringComparison.Ordinal);

        Assert.Equal(200, Number(result, "revoke", "status"));
        Assert.True(Flag(result, "revoke", "tokenCleared"));
        Assert.True(Flag(result, "afterRevoke", "apiCall", "thrown"));
        Assert.Equal("401", Text(result, "afterRevoke", "apiCall", "code"));
        Assert.True(Flag(result, "afterRevoke", "refresh", "thrown"));
        Assert.Equal("invalid_grant", Text(result, "afterRevoke", "refresh", "error"));
        Assert.Equal(400, Number(result, "afterRevoke", "refresh", "status"));
        Assert.DoesNotContain(sandbox.State.GetConnections(), c => !c.Revoked);
    }

    [Fact]
    public async Task NodeQuickBooks_BooksASaleQueriesAndReports()
    {
        await using var sandbox = await StartAsync();

        var result = await NodeClients.RunAsync("node-quickbooks.js", sandbox.BaseUrl);

        Assert.Equal("Sandbox Company_US_1", Text(result, "companyInfo", "companyName"));
        Assert.Equal("sandbox.user@example.com", Text(result, "userInfo", "email"));

        var alpha = Text(result, "customers", "alpha", "id");
        var beta = Text(result, "customers", "beta", "id");
        Assert.Equal("0", Text(result, "customers", "alpha", "syncToken"));
        Assert.Equal([alpha], Texts(result, "findCustomers", "byName"));
        Assert.Equal(["1"], Texts(result, "findCustomers", "quote"));
        Assert.Equal(Text(result, "findCustomers", "special", "sent"), Text(result, "findCustomers", "special", "displayName"));
        Assert.Equal([Text(result, "findCustomers", "special", "id")], Texts(result, "findCustomers", "special", "found"));
        Assert.Equal([Text(result, "customers", "beta", "displayName")], Texts(result, "findCustomers", "like"));
        Assert.Equal(1, Number(result, "findCustomers", "likeMaxResults"));
        Assert.Equal(2, Number(result, "findCustomers", "count"));

        Assert.Equal(40m, Amount(result, "items", "created", "unitPrice"));
        Assert.Equal("Services", Text(result, "items", "created", "incomeAccount"));
        Assert.Equal(["Design", "Hours", Text(result, "items", "created", "name")], Texts(result, "items", "found"));
        Assert.Equal(["Design", "Gardening Supplies", "Hours", Text(result, "items", "created", "name"), "Services"], Texts(result, "items", "fetchAll"));

        // Created 3 × 40; a sparse update adds a line (SyncToken 0 → 1); the old SyncToken is then stale.
        Assert.Equal(alpha, Text(result, "invoice", "customerRef"));
        Assert.Equal("1001", Text(result, "invoice", "docNumber"));
        Assert.Equal("0", Text(result, "invoice", "syncToken"));
        Assert.Equal(120m, Amount(result, "invoice", "totalAmt"));
        Assert.Equal(120m, Amount(result, "invoice", "balance"));
        Assert.Equal(120m, Amount(result, "invoice", "readTotalAmt"));
        Assert.Equal("1", Text(result, "invoice", "updatedSyncToken"));
        Assert.Equal(160m, Amount(result, "invoice", "updatedTotalAmt"));
        Assert.Equal(160m, Amount(result, "invoice", "updatedBalance"));
        Assert.Equal("updated by node-quickbooks", Text(result, "invoice", "updatedNote"));
        Assert.Equal(2, Number(result, "invoice", "updatedLines"));
        Assert.Equal("5010", Text(result, "invoice", "staleUpdate", "code"));
        Assert.Equal(400, Number(result, "invoice", "staleUpdate", "status"));

        // A payment of 100 applied to the invoice leaves 60 open.
        var invoice = Text(result, "invoice", "id");
        Assert.Equal(100m, Amount(result, "payment", "totalAmt"));
        Assert.Equal(0m, Amount(result, "payment", "unappliedAmt"));
        Assert.Equal(invoice, Text(result, "payment", "linkedInvoice"));
        Assert.Equal(60m, Amount(result, "payment", "invoiceBalance"));
        Assert.Equal("2", Text(result, "payment", "invoiceSyncToken"));
        Assert.Equal([Text(result, "payment", "id")], Texts(result, "payment", "invoiceLinkedPayments"));
        Assert.Equal(60m, Amount(result, "payment", "customerBalance"));

        Assert.Equal(0m, Amount(result, "voidAndDelete", "voided", "totalAmt"));
        Assert.Equal(0m, Amount(result, "voidAndDelete", "voided", "balance"));
        Assert.Equal("1", Text(result, "voidAndDelete", "voided", "syncToken"));
        Assert.StartsWith("Voided", Text(result, "voidAndDelete", "voided", "privateNote"), StringComparison.Ordinal);
        var deleted = Text(result, "voidAndDelete", "deleted", "id");
        Assert.Equal("Deleted", Text(result, "voidAndDelete", "deleted", "status"));
        Assert.Equal("610", Text(result, "voidAndDelete", "readDeleted", "code"));
        var voided = Text(result, "voidAndDelete", "voided", "id");
        Assert.Equal([voided], result["findInvoices"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));

        Assert.Equal(Text(result, "requestId", "firstId"), Text(result, "requestId", "retriedId"));

        Assert.StartsWith("Node Client Gamma", Text(result, "batch", "created"), StringComparison.Ordinal);
        Assert.Equal(60m, Amount(result, "batch", "queried"));
        Assert.Equal("6240", Text(result, "batch", "duplicateFault"));

        var cdc = result["changeDataCapture"]!.AsObject();
        var customers = cdc["Customer"]!.AsArray().Select(c => c!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(alpha, customers);
        Assert.Contains(beta, customers);
        var invoices = cdc["Invoice"]!.AsArray().ToDictionary(i => i!["id"]!.GetValue<string>(), i => i!["status"]?.GetValue<string>());
        Assert.Null(invoices[invoice]);
        Assert.Null(invoices[voided]);
        Assert.Equal("Deleted", invoices[deleted]);
        Assert.Equal([Text(result, "payment", "id")], cdc["Payment"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()));

        // 160 sold, 100 received into Undeposited Funds, 60 still receivable; the voided and deleted invoices add nothing.
        Assert.Equal("TrialBalance", Text(result, "trialBalance", "reportName"));
        Assert.Equal("60.00", Text(result, "trialBalance", "accounts", "Accounts Receivable (A/R)", "debit"));
        Assert.Equal("100.00", Text(result, "trialBalance", "accounts", "Undeposited Funds", "debit"));
        Assert.Equal("160.00", Text(result, "trialBalance", "accounts", "Services", "credit"));
        Assert.Equal("160.00", Text(result, "trialBalance", "total", "debit"));
        Assert.Equal("160.00", Text(result, "trialBalance", "total", "credit"));

        // The same books as statements: 160 of income is the year's net income; assets (60 + 100) equal it.
        Assert.Equal("ProfitAndLoss", Text(result, "profitAndLoss", "reportName"));
        Assert.Equal(["Income", "GrossProfit", "Expenses", "NetOperatingIncome", "NetIncome"], Texts(result, "profitAndLoss", "groups"));
        Assert.Equal("160.00", Text(result, "profitAndLoss", "values", "Services"));
        Assert.Equal("160.00", Text(result, "profitAndLoss", "values", "Net Income"));
        Assert.Equal("BalanceSheet", Text(result, "balanceSheet", "reportName"));
        Assert.Equal(["TotalAssets", "TotalLiabilitiesAndEquity"], Texts(result, "balanceSheet", "groups"));
        Assert.Equal("60.00", Text(result, "balanceSheet", "values", "Accounts Receivable (A/R)"));
        Assert.Equal("160.00", Text(result, "balanceSheet", "values", "TOTAL ASSETS"));
        Assert.Equal("160.00", Text(result, "balanceSheet", "values", "Net Income"));
        Assert.Equal("160.00", Text(result, "balanceSheet", "values", "TOTAL LIABILITIES AND EQUITY"));

        // What Alpha still owes (160 invoiced, 100 paid) is the only open receivable; Beta's invoices were voided and deleted.
        Assert.Equal("CustomerBalance", Text(result, "customerBalance", "reportName"));
        Assert.Equal("60.00", Text(result, "customerBalance", "totals", alpha));
        Assert.Equal("60.00", Text(result, "customerBalance", "totals", "TOTAL"));
        Assert.Equal("AgedReceivables", Text(result, "agedReceivables", "reportName"));
        Assert.Equal(["", "Current", "1 - 30", "31 - 60", "61 - 90", "91 and over", "Total"], Texts(result, "agedReceivables", "columns"));
        Assert.Equal("60.00", Text(result, "agedReceivables", "totals", alpha));
        Assert.Equal("AgedReceivableDetail", Text(result, "agedReceivableDetail", "reportName"));
        Assert.Equal(["Current", "TOTAL"], Texts(result, "agedReceivableDetail", "sections"));
        Assert.Equal("60.00", Text(result, "agedReceivableDetail", "total"));
        Assert.Equal("CustomerBalanceDetail", Text(result, "customerBalanceDetail", "reportName"));
        Assert.Equal([alpha, "TOTAL"], Texts(result, "customerBalanceDetail", "sections"));
        Assert.Equal("60.00", Text(result, "customerBalanceDetail", "total"));

        // Every posting by account: the three accounts the sale and its payment moved, each with its year's activity.
        Assert.Equal("GeneralLedger", Text(result, "generalLedger", "reportName"));
        Assert.Equal(["Accounts Receivable (A/R)", "Undeposited Funds", "Services"], Keys(result, "generalLedger", "totals"));
        Assert.Equal("60.00", Text(result, "generalLedger", "totals", "Accounts Receivable (A/R)"));
        Assert.Equal("100.00", Text(result, "generalLedger", "totals", "Undeposited Funds"));
        Assert.Equal("160.00", Text(result, "generalLedger", "totals", "Services"));

        Assert.True(Flag(result, "fault", "failed"));
        Assert.Equal(400, Number(result, "fault", "status"));
        Assert.Equal("ValidationFault", Text(result, "fault", "faultType"));
        Assert.Equal("610", Text(result, "fault", "code"));

        Assert.True(Flag(result, "refresh", "newAccessToken"));
        Assert.Equal("Sandbox Company_US_1", Text(result, "refresh", "companyName"));
        Assert.Equal(401, Number(result, "afterRevoke", "status"));
        Assert.Equal("AuthenticationFault", Text(result, "afterRevoke", "faultType"));
        Assert.Equal("100", Text(result, "afterRevoke", "code"));
    }

    // The libraries check token and id_token expiry against the real clock, so the sandbox keeps the system clock here.
    // The scripts send requests back to back, faster than QBO's 10 per second per realm (the Throttling tests cover that
    // limit); the per-minute, concurrency and batch limits stay on.
    private static Task<QboSandboxServer> StartAsync() =>
        QboSandboxServer.StartAsync(new SandboxOptions { AutoApprove = true, RequestsPerSecondPerRealm = 0 });

    private static JsonNode At(JsonObject result, string[] path)
    {
        JsonNode? node = result;
        foreach (var name in path)
        {
            node = node?[name];
        }

        Assert.True(node is not null, $"{string.Join('.', path)} is missing from {result.ToJsonString()}");
        return node!;
    }

    private static string Text(JsonObject result, params string[] path) => At(result, path).GetValue<string>();

    private static int Number(JsonObject result, params string[] path) => At(result, path).GetValue<int>();

    private static decimal Amount(JsonObject result, params string[] path) => At(result, path).GetValue<decimal>();

    private static bool Flag(JsonObject result, params string[] path) => At(result, path).GetValue<bool>();

    private static string[] Texts(JsonObject result, params string[] path) =>
        [.. At(result, path).AsArray().Select(n => n!.GetValue<string>())];

    /// <summary>An object's property names, in the order the script wrote them.</summary>
    private static string[] Keys(JsonObject result, params string[] path) => [.. At(result, path).AsObject().Select(p => p.Key)];
}
