using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AccountingIntegration.Benchmarks.Ingest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using QboSandbox;

namespace AccountingIntegration.Benchmarks.Sandbox;

/// <summary>
/// <c>sandbox [--seconds 2] [--clients 8]</c>: the local QBO sandbox's own request rate on loopback, with its
/// throttles off, for a read, a query and an invoice create with a requestid, each against the same run's
/// baseline: a bare Kestrel endpoint answering a QBO-sized JSON body. Figures go to bench/README.md; tests
/// assert behaviour, never a rate.
/// </summary>
internal static class SandboxLoadCommand
{
    public const string Name = "sandbox";

    private const string Invoice = """
        {"CustomerRef":{"value":"1"},"Line":[{"DetailType":"SalesItemLineDetail","Amount":100.0,"SalesItemLineDetail":{"ItemRef":{"value":"1"},"Qty":1,"UnitPrice":100.0}}]}
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var phase = TimeSpan.FromSeconds(Option(args, "--seconds", 2));
        var clients = Option(args, "--clients", 8);
        await using var sandbox = await QboSandboxServer.StartAsync(new SandboxOptions
        {
            AutoApprove = true,
            RequestsPerMinutePerRealm = 0,
            RequestsPerSecondPerRealm = 0,
            ConcurrentRequestsPerRealm = 0,
            DuplicateDocNumberCheck = false,
        });
        await using var baseline = await BaselineHost.StartAsync("http://127.0.0.1:0", app => app.MapGet("/customer", () => Results.Content(CustomerJson, "application/json")));
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, MaxConnectionsPerServer = clients });
        var token = await SandboxToken.AccessTokenAsync(http, sandbox.BaseUrl);
        var realm = sandbox.State.RealmIds[0];

        var measure = new RateMeter(http, token, phase, clients);
        var bare = await measure.RunAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(baseline.BaseAddress, "/customer")));
        var reads = await measure.RunAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(sandbox.BaseUrl, $"v3/company/{realm}/customer/1")));
        var queries = await measure.RunAsync(() => new HttpRequestMessage(HttpMethod.Get,
            new Uri(sandbox.BaseUrl, $"v3/company/{realm}/query?query={Uri.EscapeDataString("select * from Customer where DisplayName LIKE '%o%'")}")));
        var creates = await measure.RunAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(sandbox.BaseUrl, $"v3/company/{realm}/invoice?requestid={Guid.NewGuid():N}"))
        {
            Content = new StringContent(Invoice, Encoding.UTF8, "application/json"),
        });

        Console.WriteLine($"Processors {Environment.ProcessorCount}, {clients} concurrent clients, {phase.TotalSeconds:0} s per phase");
        Console.WriteLine("| request | req/s | × bare endpoint |");
        Console.WriteLine("|---|---:|---:|");
        Console.WriteLine($"| bare Kestrel GET (baseline) | {bare:0} | 1.00 |");
        Console.WriteLine($"| GET customer/1 | {reads:0} | {reads / bare:0.00} |");
        Console.WriteLine($"| GET query (LIKE) | {queries:0} | {queries / bare:0.00} |");
        Console.WriteLine($"| POST invoice with requestid | {creates:0} | {creates / bare:0.00} |");
        return 0;
    }

    private static readonly string CustomerJson = new JsonObject
    {
        ["Customer"] = new JsonObject { ["Id"] = "1", ["DisplayName"] = "Amy's Bird Sanctuary", ["Balance"] = 239.0, ["SyncToken"] = "0" },
        ["time"] = "2026-01-01T00:00:00.000-08:00",
    }.ToJsonString();

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], out var value) ? value : fallback;
    }

    private sealed class RateMeter(HttpClient http, string token, TimeSpan phase, int clients)
    {
        public async Task<double> RunAsync(Func<HttpRequestMessage> create)
        {
            var count = 0;
            var clock = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, clients).Select(async _ =>
            {
                while (clock.Elapsed < phase)
                {
                    using var request = create();
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    using var response = await http.SendAsync(request);
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        throw new InvalidOperationException($"{request.RequestUri} answered {(int)response.StatusCode}.");
                    }

                    Interlocked.Increment(ref count);
                }
            });
            await Task.WhenAll(workers);
            return count / clock.Elapsed.TotalSeconds;
        }
    }
}
