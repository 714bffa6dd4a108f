using System.Text.Json.Nodes;
using AccountingIntegration.Infrastructure.QuickBooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.QuickBooks;

/// <summary>The typed QBO client against the local sandbox over HTTP.</summary>
public sealed class QboClientTests
{
    private static JsonObject Invoice(decimal qty = 2, decimal unitPrice = 49.995m, decimal? amount = null, string? docNumber = null)
    {
        var invoice = new JsonObject
        {
            ["CustomerRef"] = new JsonObject { ["value"] = "1" },
            ["Line"] = new JsonArray(new JsonObject
            {
                ["DetailType"] = "SalesItemLineDetail",
                ["Amount"] = amount ?? Math.Round(qty * unitPrice, 2, MidpointRounding.AwayFromZero),
                ["SalesItemLineDetail"] = new JsonObject
                {
                    ["ItemRef"] = new JsonObject { ["value"] = "1" },
                    ["Qty"] = qty,
                    ["UnitPrice"] = unitPrice,
                },
            }),
        };
        if (docNumber is not null)
        {
            invoice["DocNumber"] = docNumber;
        }

        return invoice;
    }

    [Fact]
    public async Task CreateInvoice_SameRequestIdTwice_CreatesOneInvoice()
    {
        await using var session = await SandboxSession.StartAsync();

        var first = await session.Client.CreateInvoiceAsync(session.Credentials, Invoice(), "payload-0001", default);
        var second = await session.Client.CreateInvoiceAsync(session.Credentials, Invoice(), "payload-0001", default);

        Assert.Equal((string?)first["Id"], (string?)second["Id"]);
        Assert.Equal(99.99m, (decimal)first["TotalAmt"]!);
        Assert.Equal(1, await session.CountAsync("Invoice"));
    }

    [Fact]
    public async Task CreateInvoice_ServerErrorThenSuccess_RetriesAndCreatesOne()
    {
        await using var session = await SandboxSession.StartAsync();
        await session.AddFaultAsync(new { method = "POST", entity = "invoice", faultType = "SystemFault", count = 1 });

        var created = await session.Client.CreateInvoiceAsync(session.Credentials, Invoice(), "payload-0002", default);

        Assert.NotNull((string?)created["Id"]);
        Assert.Equal(1, await session.CountAsync("Invoice"));
    }

    [Fact]
    public async Task CreateInvoice_ConnectionDroppedAfterCommit_RetryReturnsTheSameInvoice()
    {
        await using var session = await SandboxSession.StartAsync();
        await session.AddFaultAsync(new { method = "POST", entity = "invoice", drop = "afterCommit", count = 1 });

        var created = await session.Client.CreateInvoiceAsync(session.Credentials, Invoice(), "payload-0003", default);

        Assert.NotNull((string?)created["Id"]);
        Assert.Equal(1, await session.CountAsync("Invoice"));
    }

    [Fact]
    public async Task CreateOnce_ConnectionDroppedAfterCommit_FailsAsUnansweredWithoutResending()
    {
        await using var session = await SandboxSession.StartAsync();
        await session.AddFaultAsync(new { method = "POST", entity = "invoice", drop = "afterCommit", forgetRequestId = true, count = 1 });

        var failure = await Assert.ThrowsAsync<QboApiException>(() => session.Client.CreateOnceAsync(session.Credentials, "Invoice", Invoice(), "payload-0011", default));

        // A blind resend would have written a second invoice: the sandbox no longer knows the requestid.
        Assert.Equal(QboErrorKind.Network, failure.Kind);
        Assert.Equal(1, await session.CountAsync("Invoice"));
    }

    [Fact]
    public async Task CreateOnce_ServerError_FailsWithoutResending()
    {
        await using var session = await SandboxSession.StartAsync();
        await session.AddFaultAsync(new { method = "POST", entity = "invoice", faultType = "SystemFault", count = 1 });

        var failure = await Assert.ThrowsAsync<QboApiException>(() => session.Client.CreateOnceAsync(session.Credentials, "Invoice", Invoice(), "payload-0012", default));

        Assert.Equal(QboErrorKind.Server, failure.Kind);
        Assert.Equal(0, await session.CountAsync("Invoice"));
    }

    [Fact]
    public async Task CreateOnce_ThrottledOnce_BacksOffAndCreatesOne()
    {
        await using var session = await SandboxSession.StartAsync();
        await session.AddFaultAsync(new { method = "POST", entity = "invoice", faultType = "ThrottleExceeded", count = 1 });

        var created = await session.Client.CreateOnceAsync(session.Credentials, "Invoice", Invoice(), "payload-0013", default);

        Assert.NotNull((string?)created["Id"]);
        Assert.Equal(1, await session.CountAsync("Invoice"));
    }

    [Fact]
    public async Task CreateInvoice_ThrottledOnce_BacksOffAndCreatesOne()
    {
        await using var session = await SandboxSession.StartAsync();
        await session.AddFaultAsync(new { method = "POST", entity = "invoice", faultType = "ThrottleExceeded", count = 1 });

        var created = await session.Client.CreateInvoiceAsync(session.Credentials, Invoice(), "payload-0005", default);

        Assert.NotNull((string?)created["Id"]);
        Assert.Equal(1, await session.CountAsync("Invoice"));
    }

    [Fact]
    public async Task Read_SlowerThanTheTimeout_FailsAsNetworkAfterRetries()
    {
        await using var session = await SandboxSession.StartAsync(adjust: q => new AccountingIntegration.Infrastructure.QuickBooks.QboOptions
        {
            ClientId = q.ClientId, ClientSecret = q.ClientSecret, RedirectUri = q.RedirectUri, AuthorizeUrl = q.AuthorizeUrl, TokenUrl = q.TokenUrl,
            RevokeUrl = q.RevokeUrl, UserInfoUrl = q.UserInfoUrl, ApiBaseUrl = q.ApiBaseUrl, RequestTimeout = TimeSpan.FromMilliseconds(300),
        });
        await session.AddFaultAsync(new { method = "GET", path = "/v3/company/*/companyinfo/*", latencyMs = 2000 });

        var error = await Assert.ThrowsAsync<QboApiException>(() => session.Client.GetCompanyInfoAsync(session.Credentials, default));

        Assert.Equal(QboErrorKind.Network, error.Kind);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task CreateInvoice_WithoutRequestId_IsNotRetried()
    {
        await using var session = await SandboxSession.StartAsync();
        await session.AddFaultAsync(new { method = "POST", entity = "customer", faultType = "SystemFault", count = 1 });

        var error = await Assert.ThrowsAsync<QboApiException>(() =>
            session.Client.CreateAsync(session.Credentials, "Customer", new JsonObject { ["DisplayName"] = "No Retry Ltd" }, null, default));

        Assert.Equal(QboErrorKind.Server, error.Kind);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task CreateInvoice_AmountNotQtyTimesPrice_FailsWithQboValidationFault()
    {
        await using var session = await SandboxSession.StartAsync();

        var error = await Assert.ThrowsAsync<QboApiException>(() =>
            session.Client.CreateInvoiceAsync(session.Credentials, Invoice(qty: 2, unitPrice: 10m, amount: 25m), "payload-0004", default));

        Assert.Equal(QboErrorKind.Validation, error.Kind);
        Assert.Equal(400, error.Status);
        Assert.Equal("6070", error.Code);
        Assert.False(error.IsTransient);
        Assert.False(string.IsNullOrEmpty(error.QboMessage));
        Assert.Equal(0, await session.CountAsync("Invoice"));
    }

    [Fact]
    public async Task Read_ExpiredToken_IsAnAuthenticationError()
    {
        await using var session = await SandboxSession.StartAsync();
        using var expire = await session.Control.PostAsync("/_sandbox/tokens/expire", System.Net.Http.Json.JsonContent.Create(new { realmId = session.Credentials.RealmId }));
        expire.EnsureSuccessStatusCode();

        var error = await Assert.ThrowsAsync<QboApiException>(() => session.Client.GetCompanyInfoAsync(session.Credentials, default));

        Assert.Equal(QboErrorKind.Authentication, error.Kind);
        Assert.Equal(401, error.Status);
    }

    [Fact]
    public async Task Query_NameWithApostropheAndBackslash_FindsTheCustomer()
    {
        await using var session = await SandboxSession.StartAsync();
        var name = "O'Brien's Bar \\ Grill";
        await session.Client.CreateAsync(session.Credentials, "Customer", new JsonObject { ["DisplayName"] = name }, "create-obrien", default);

        var page = await session.Client.QueryAsync(session.Credentials, "Customer",
            QboQuery.Select("Customer", "DisplayName = " + QboQuery.Literal(name), 1, 10), default);

        Assert.Equal(name, (string?)Assert.Single(page.Items)["DisplayName"]);
    }

    [Fact]
    public async Task Query_NoMatch_IsAnEmptyPage()
    {
        await using var session = await SandboxSession.StartAsync();

        var page = await session.Client.QueryAsync(session.Credentials, "Customer",
            QboQuery.Select("Customer", "DisplayName = " + QboQuery.Literal("Nobody At All"), 1, 10), default);

        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task Read_UnknownId_IsNull()
    {
        await using var session = await SandboxSession.StartAsync();

        Assert.Null(await session.Client.ReadAsync(session.Credentials, "Customer", "99999", default));
        Assert.NotNull(await session.Client.ReadAsync(session.Credentials, "Customer", "1", default));
    }

    [Fact]
    public async Task ManyParallelReads_StayWithinQboConcurrencyLimit()
    {
        await using var session = await SandboxSession.StartAsync(o => o.RequestsPerSecondPerRealm = 0);
        await session.AddFaultAsync(new { method = "GET", path = "/v3/company/*/customer/*", latencyMs = 50 });

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => session.Client.ReadAsync(session.Credentials, "Customer", "1", default)));

        var stats = session.Sandbox.State.GetStats();
        Assert.Equal(0, stats.Throttled);
        Assert.True(stats.Realms.Single(r => r.RealmId == session.Credentials.RealmId).MaxConcurrency <= 10);
    }
}
