using System.Text;
using System.Text.Json;
namespace AccountingIntegration.Books.Tests.Probe;
public sealed class ProbeTests
{
    [Fact]
    public void Probe()
    {
        var root = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/fixtures/webhooks"));
        var topics = new Dictionary<string, string>
        {
            ["order.rest-fixture.json"] = "orders/create", ["orders-cancelled.json"] = "orders/cancelled", ["orders-create.discount-code.rest-docs.json"] = "orders/create",
            ["orders-create.eur-shop-tax.rest-docs.json"] = "orders/create", ["orders-create.json"] = "orders/create", ["refunds-create.rest-fixture.json"] = "refunds/create",
            ["order-refund.rest-docs.json"] = "order.updated", ["order.created.json"] = "order.created", ["order.created.legacy-v3.json"] = "order.created", ["order.updated.json"] = "order.updated",
        };
        var sb = new StringBuilder();
        var us = new CompanyRegime { Country = "US", HomeCurrency = "USD" };
        foreach (var adapter in VendorAdapters.All)
        {
            foreach (var file in Directory.GetFiles(Path.Combine(root, adapter.SourceType), "*.json").Order())
            {
                if (file.Contains("signature") || file.Contains("headers")) continue;
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                var headers = new Dictionary<string, string>();
                if (topics.TryGetValue(Path.GetFileName(file), out var t)) { headers["X-Shopify-Topic"] = t; headers["X-WC-Webhook-Topic"] = t; }
                var type = adapter.EventType(headers, doc.RootElement) ?? "";
                var r = adapter.Read(type, doc.RootElement);
                sb.AppendLine($"== {adapter.SourceType}/{Path.GetFileName(file)} type={type}");
                if (r.Event is not { } e) { sb.AppendLine("  problems: " + string.Join("; ", r.Problems.Select(p => p.Field + ": " + p.Message))); continue; }
                sb.AppendLine($"  {e.Meaning} subject={e.Subject} original={e.Original} aliases=[{string.Join(",", e.Aliases)}] paid={e.Paid} ignored={e.IgnoredBecause}");
                if (e.Sale is { } s) sb.AppendLine($"  sale total={s.Total} computed={s.ComputedTotal} currency={s.Currency} lines={s.Lines.Count} customer={s.Customer?.Name}/{s.Customer?.Email}");
                foreach (var rf in e.Refunds) sb.AppendLine($"  refund {rf.RefundId} {rf.Amount}");
                if (e.Payment is { } p) sb.AppendLine($"  payment {p.Amount} ref={p.Reference}");
                var sale = e.Meaning == EventMeaning.Sale ? null : new SaleOnRecord("Invoice", "1", 100m, true);
                var plan = DocumentPlanner.Plan(e, EventAction.Auto, us, new BookingSettings(), sale);
                sb.AppendLine($"  plan: {string.Join(" | ", plan.Documents.Select(d => $"{d.Role} {d.EntityType} {d.Total}"))} nothing={plan.NothingBecause} problems={string.Join("; ", plan.Problems.Select(p => p.Field + ": " + p.Message))} notes={string.Join(";", plan.Notes)}");
            }
        }
        File.WriteAllText("/tmp/probe.txt", sb.ToString());
    }
}
