using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>
/// Intuit meters reads, so booking must not spend them per document: once a company's customers, items and accounts
/// are known, a steady stream of orders from known buyers costs at most 0.05 reads per document (issue target).
/// Reads are counted from the service's own metrics: every GET and query it sent to QBO.
/// </summary>
public sealed class MeteredReadsTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private const int WarmUp = 3;
    private const int Steady = 20;

    [Theory, BothDatabases]
    public async Task RepeatBuyersAndItems_CostAtMostOneReadInTwentyDocuments(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind));
        for (var i = 0; i < WarmUp; i++)
        {
            await BookAsync(world, 9100 + i);
        }

        var warm = await PrometheusText.ScrapeAsync(world.Client);
        var before = Reads(warm);
        for (var i = 0; i < Steady; i++)
        {
            await BookAsync(world, 9200 + i);
        }

        var after = await PrometheusText.ScrapeAsync(world.Client);
        var reads = Reads(after) - before;
        Assert.True(reads / Steady <= 0.05, $"{reads} reads for {Steady} documents: {Breakdown(warm, after)}");
    }

    private static async Task BookAsync(PipelineWorld world, long orderId)
    {
        using var response = await world.SendAsync(PipelineWorld.ShopifyOrder(orderId), wait: 20);
        var result = await PipelineWorld.DataAsync(response);
        Assert.True(result.GetProperty("processed").GetBoolean(), result.ToString());
    }

    /// <summary>Calls by operation and method between two scrapes, to say which reads were spent.</summary>
    private static string Breakdown(IReadOnlyList<PrometheusSample> before, IReadOnlyList<PrometheusSample> after) =>
        string.Join(", ", after.Where(s => s.Name == "ai_qbo_calls_total")
            .GroupBy(s => $"{s.Labels["method"]} {s.Labels["operation"]}")
            .Select(g => (g.Key, Count: g.Sum(s => s.Value) - before.Where(b => b.Name == "ai_qbo_calls_total" && $"{b.Labels["method"]} {b.Labels["operation"]}" == g.Key).Sum(b => b.Value)))
            .Where(c => c.Count > 0)
            .Select(c => $"{c.Key}: {c.Count}"));

    /// <summary>GETs and queries (a query may be POSTed): what Intuit meters as reads.</summary>
    private static double Reads(IReadOnlyList<PrometheusSample> samples) =>
        samples.Where(s => s.Name == "ai_qbo_calls_total" && (s.Labels["method"] == "GET" || s.Labels["operation"] == "query")).Sum(s => s.Value);
}
