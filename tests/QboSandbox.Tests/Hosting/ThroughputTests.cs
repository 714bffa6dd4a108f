using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Xunit.Abstractions;

namespace QboSandbox.Tests.Hosting;

/// <summary>
/// A small loopback load (bounded to about two seconds per phase) that records the sandbox's own request
/// rate; the figures go to the test output and to docs/qbo-sandbox.md. The bound asserted is deliberately
/// low: it catches a pathological regression (a lock convoy, a per-request rebuild), not a benchmark.
/// </summary>
public sealed class ThroughputTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Phase = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Sandbox_LoopbackLoad_ServesAtLeastTwoHundredRequestsPerSecond()
    {
        await using var server = await QboSandboxServer.StartAsync(new SandboxOptions
        {
            AutoApprove = true,
            RequestsPerMinutePerRealm = 0,
            RequestsPerSecondPerRealm = 0,
            ConcurrentRequestsPerRealm = 0,
            DuplicateDocNumberCheck = false,
        });
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = 16 }) { BaseAddress = server.BaseUrl };
        var token = await Support.TokenFor(http);
        var realm = server.State.RealmIds[0];

        var reads = await MeasureAsync(http, token, () => new HttpRequestMessage(HttpMethod.Get, $"v3/company/{realm}/customer/1"));
        var queries = await MeasureAsync(http, token, () => new HttpRequestMessage(HttpMethod.Get,
            $"v3/company/{realm}/query?query={Uri.EscapeDataString("select * from Customer where DisplayName LIKE '%o%'")}"));
        var creates = await MeasureAsync(http, token, () => new HttpRequestMessage(HttpMethod.Post, $"v3/company/{realm}/invoice?requestid={Guid.NewGuid():N}")
        {
            Content = new StringContent(Tests.Support.Invoices.Minimal, Encoding.UTF8, "application/json"),
        });

        output.WriteLine($"Processors: {Environment.ProcessorCount}, 8 concurrent clients, {Phase.TotalSeconds:0} s per phase");
        output.WriteLine($"GET customer/1: {reads:0} req/s");
        output.WriteLine($"GET query (LIKE): {queries:0} req/s");
        output.WriteLine($"POST invoice with requestid: {creates:0} req/s");
        Assert.InRange(reads, 200, double.MaxValue);
        Assert.InRange(creates, 200, double.MaxValue);
    }

    private static async Task<double> MeasureAsync(HttpClient http, string token, Func<HttpRequestMessage> create)
    {
        var count = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, 8).Select(async _ =>
        {
            while (clock.Elapsed < Phase)
            {
                using var request = create();
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Interlocked.Increment(ref count);
            }
        });
        await Task.WhenAll(workers);
        return count / clock.Elapsed.TotalSeconds;
    }

    private static class Support
    {
        public static async Task<string> TokenFor(HttpClient http)
        {
            using var authorize = await http.GetAsync(Tests.Support.TestSandbox.AuthorizePath());
            var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location!.Query)["code"]!;
            using var request = new HttpRequestMessage(HttpMethod.Post, "oauth2/v1/tokens/bearer")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "authorization_code",
                    ["code"] = code,
                    ["redirect_uri"] = Tests.Support.TestSandbox.RedirectUri,
                }),
            };
            request.Headers.Authorization = Tests.Support.TestSandbox.Basic();
            using var response = await http.SendAsync(request);
            var body = await Tests.Support.TestSandbox.JsonAsync(response);
            return body["access_token"]!.GetValue<string>();
        }
    }
}
