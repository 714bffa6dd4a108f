using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Protocol;

/// <summary>
/// Headers QBO sends on Accounting API responses, as REFERENCE §2.2 lists them and QuickBooks-V3-PHP-SDK#127 shows a
/// captured response: intuit_tid, QBO-Version, Service-Time, Expires, Cache-Control, Server, Date.
/// </summary>
public sealed class ResponseHeaderTests
{
    [Fact]
    public async Task AccountingResponses_SuccessAndFault_CarryQbosHeaders()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var ok = await sandbox.GetAsync(token, "customer/1");
        using var unauthenticated = await sandbox.GetAsync("expired-or-unknown", "customer/1");

        foreach (var response in new[] { ok, unauthenticated })
        {
            Assert.Matches("^1-[0-9a-f]{8}-[0-9a-f]{24}$", Single(response, "intuit_tid"));
            Assert.Equal("1802.1292", Single(response, "QBO-Version"));
            Assert.Matches("^total=[0-9]+, db=[0-9]+$", Single(response, "Service-Time"));
            Assert.Equal("0", string.Join(",", response.Content.Headers.GetValues("Expires")));
            Assert.Equal("max-age=0, no-cache, no-store, must-revalidate, private", Single(response, "Cache-Control"));
            Assert.Equal("nginx", response.Headers.Server.ToString());
            Assert.Equal("Fri, 24 Jul 2015 17:33:39 GMT", Single(response, "Date"));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
    }

    [Fact]
    public async Task ControlApi_HasNoQboHeaders()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var response = await sandbox.Http.GetAsync("_sandbox/companies");

        Assert.False(response.Headers.Contains("QBO-Version"));
    }

    /// <summary>The raw header value, as sent (HttpClient would reorder Cache-Control directives when parsing).</summary>
    private static string Single(HttpResponseMessage response, string name) => response.Headers.NonValidated[name].ToString();
}
