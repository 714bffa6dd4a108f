using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AccountingIntegration.Mapping;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace AccountingIntegration.Benchmarks;

/// <summary>
/// Mapping throughput on one thread for a realistic 3-line Shopify order (SPEC §10: "mapping + transformation:
/// payloads/s on one core"). The baseline is parsing the payload alone, so the ratio shows what mapping adds.
/// Not sealed: BenchmarkDotNet generates a class that derives from it.
/// </summary>
// Long iterations and many of them: the 2-core machine is shared, and short iterations amplify the noise.
// Min and median next to the mean: on a busy machine the fastest iteration is the least disturbed one.
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[IterationTime(250)]
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class MappingBenchmarks
{
    private const string CacheKey = "org_01/src_shopify";

    /// <summary>
    /// An invoice template for Shopify orders: the rules the built-in Shopify template carried before it became an
    /// event template (the books' adapter now reads Shopify's lines), kept here so the figures stay comparable.
    /// </summary>
    private static readonly FieldMapping[] ShopifyOrderRules =
    [
        new("CustomerRef.value", "email", "coalesce:customer.email:contact_email|resolve:Customer", Required: true),
        new("BillEmail.Address", "email", "coalesce:customer.email:contact_email"),
        new("DocNumber", "name"),
        new("TxnDate", "processed_at", "coalesce:created_at|formatDate", Required: true),
        new("CurrencyRef.value", "currency"),
        new("PrivateNote", "id", "toString|concat:Shopify order "),
        new("Line", "line_items", Required: true),
        new("Line[].Description", "name", "coalesce:title"),
        new("Line[].SalesItemLineDetail.Qty", "quantity", Required: true),
        new("Line[].SalesItemLineDetail.UnitPrice", "price", "toNumber", Required: true),
        new("Line[].SalesItemLineDetail.ItemRef.value", "sku", "coalesce:title|resolve:Item", Required: true),
    ];

    private byte[] _payload = [];
    private MappingLayer[] _layers = [];
    private Dictionary<string, MergedMapping> _mergedCache = [];

    /// <summary>The three layers every mapping figure uses (also the <c>mapping-cpu</c> command's).</summary>
    internal static MappingLayer[] Layers() =>
    [
        new MappingLayer("tpl_shopify", LayerKind.Template, 0, DateTime.UnixEpoch, ShopifyOrderRules,
            new Dictionary<string, JsonNode?> { ["Line[].DetailType"] = "SalesItemLineDetail" }),
        new MappingLayer("ovr_org01", LayerKind.Override, 10, DateTime.UnixEpoch,
            [new FieldMapping("DocNumber", "order_number", "toString|concat:SH-")],
            new Dictionary<string, JsonNode?> { ["Line[].SalesItemLineDetail.TaxCodeRef.value"] = "TAX" }),
        new MappingLayer("map_src", LayerKind.SourceMapping, 0, DateTime.UnixEpoch,
            [new FieldMapping("PrivateNote", "note", "default:no note|truncate:4000")],
            new Dictionary<string, JsonNode?>()),
    ];

    [GlobalSetup]
    public void Setup()
    {
        _payload = Encoding.UTF8.GetBytes(MappingBenchmarkOrder.Json);
        _layers = Layers();
        // The service caches the merged mapping per source; its compiled form is built on first use.
        _mergedCache = new Dictionary<string, MergedMapping>(StringComparer.Ordinal) { [CacheKey] = MappingMerger.Merge(_layers)! };
        var check = ParseMapValidate();
        if (!check.IsValid || check.Invoice["Line"]!.AsArray().Count != 3)
        {
            throw new InvalidOperationException("The benchmark payload must map to a valid 3-line invoice.");
        }

        if (MapOnePass().Invoice.ToJsonString() != check.Invoice.ToJsonString())
        {
            throw new InvalidOperationException("The one-pass draft must equal the document's.");
        }
    }

    [Benchmark(Baseline = true, Description = "Parse payload only")]
    public int ParseOnly()
    {
        using var document = JsonDocument.Parse(_payload);
        return document.RootElement.GetProperty("line_items").GetArrayLength();
    }

    [Benchmark(Description = "Parse + cached mapping + transform + validate")]
    public InvoiceDraftResult ParseMapValidate()
    {
        using var document = JsonDocument.Parse(_payload);
        var mapping = _mergedCache[CacheKey];
        return InvoiceDraftBuilder.Build(document.RootElement, mapping);
    }

    /// <summary>What the service's worker does for a generic source: the stored body mapped in one pass, no document.</summary>
    [Benchmark(Description = "Cached mapping + transform + validate from the UTF-8 body (one pass)")]
    public InvoiceDraftResult MapOnePass() => InvoiceDraftBuilder.Build(_payload, _mergedCache[CacheKey]);

    [Benchmark(Description = "Parse + merge 3 layers (no cache) + transform + validate")]
    public InvoiceDraftResult ParseMergeMapValidate()
    {
        using var document = JsonDocument.Parse(_payload);
        var mapping = MappingMerger.Merge(_layers)!;
        return InvoiceDraftBuilder.Build(document.RootElement, mapping);
    }
}
