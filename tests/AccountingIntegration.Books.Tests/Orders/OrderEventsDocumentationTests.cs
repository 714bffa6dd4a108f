using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AccountingIntegration.Books.Tests.Orders;

/// <summary>
/// The samples on docs/order-events.md are what a developer copies first: each must read without a problem, and the
/// order must come to its stated total.
/// </summary>
public sealed partial class OrderEventsDocumentationTests
{
    private static readonly IVendorAdapter Adapter = VendorAdapters.For("orders")!;

    [Fact]
    public void DocumentedOrder_ReadsAsASale_ComingToItsTotal()
    {
        var order = JsonNode.Parse(Block("## The order", 0))!;
        var body = new JsonObject { ["id"] = "evt_doc", ["type"] = "order.created", ["order"] = order };

        var read = Read(body.ToJsonString());

        Assert.Equal(EventMeaning.Sale, read.Meaning);
        Assert.Equal(read.Sale!.Total, read.Sale.ComputedTotal);
        Assert.Equal(32.40m, read.Sale.Total);
    }

    [Fact]
    public void DocumentedPaymentAndRefund_ReadAsSuch()
    {
        var samples = Block("## Payments and refunds", 0).Split("\n\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal([EventMeaning.Payment, EventMeaning.Refund], samples.Select(sample => Read(sample).Meaning));
    }

    private static SourceEvent Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Adapter.Read(Adapter.EventType(new Dictionary<string, string>(), document.RootElement)!, document.RootElement);
        Assert.True(result.Problems.Count == 0, string.Join("; ", result.Problems.Select(p => $"{p.Field} {p.Message}")));
        return result.Event!;
    }

    /// <summary>The <paramref name="index"/>th json code block under the heading.</summary>
    private static string Block(string heading, int index)
    {
        var page = File.ReadAllText(Page());
        var section = page[page.IndexOf(heading, StringComparison.Ordinal)..];
        return JsonBlock().Matches(section)[index].Groups[1].Value;
    }

    private static string Page()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "order-events.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docs/order-events.md was not found above the test's directory.");
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
