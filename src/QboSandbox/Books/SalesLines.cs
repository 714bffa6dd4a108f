using System.Globalization;
using System.Text.Json.Nodes;
using QboSandbox.Accounting;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Books;

/// <summary>
/// Reads the lines of a sales form (REFERENCE §3.1, §3.4, §3.5): Line Ids, item names, the 6070 amount
/// check, references that must exist (2500) and be active (610). Tax and discounts are applied after,
/// by <see cref="TaxCalculator"/> and <see cref="SalesTotals"/>.
/// </summary>
internal static class SalesLines
{
    public static LineSet Read(Company company, JsonArray requested, CreateContext context)
    {
        var set = new LineSet();
        var lineNumber = 0;
        foreach (var node in requested)
        {
            var line = node as JsonObject ?? throw QboException.InvalidProperty("Property Name:Line specified is unsupported or invalid");
            var detailType = JsonRead.Str(line, "DetailType") ?? throw QboException.RequiredMissing("Line.DetailType");
            switch (detailType)
            {
                case "SalesItemLineDetail":
                    var sales = SalesLine(company, line, ++lineNumber, context);
                    set.Ordered.Add(sales.Stored);
                    set.Sales.Add(sales);
                    break;
                case "DescriptionOnly":
                    set.Ordered.Add(DescriptionLine(line, ++lineNumber));
                    break;
                case "DiscountLineDetail":
                    var discount = Head(line, ++lineNumber, 0m, "DiscountLineDetail");
                    discount["DiscountLineDetail"] = JsonRead.Obj(line, "DiscountLineDetail")?.DeepClone() ?? new JsonObject();
                    set.Ordered.Add(discount);
                    set.Discounts.Add((discount, JsonRead.Dec(line, "Amount")));
                    break;
                case "SubTotalLineDetail":
                    // A client subtotal is recomputed: the server appends its own at the end.
                    break;
                case "GroupLineDetail":
                    throw QboException.BusinessValidation("GroupLineDetail (bundle) lines are not supported by the local sandbox.", "Line.DetailType");
                default:
                    throw QboException.InvalidProperty($"Property Name:DetailType specified is unsupported or invalid: {detailType}");
            }
        }

        if (lineNumber == 0)
        {
            throw QboException.BusinessValidation("Business Validation Error: You must fill out at least one split line.", "Line");
        }

        return set;
    }

    private static SalesLine SalesLine(Company company, JsonObject line, int number, CreateContext context)
    {
        var amount = JsonRead.Dec(line, "Amount") ?? throw QboException.RequiredMissing("Line.Amount");
        var detail = JsonRead.Obj(line, "SalesItemLineDetail")?.DeepClone().AsObject() ?? new JsonObject();
        var itemId = JsonRead.RefValue(detail, "ItemRef");
        JsonObject? item = null;
        if (itemId is not null)
        {
            item = References.Require(company, EntityNames.Item, itemId, "Line.SalesItemLineDetail.ItemRef", context);
            detail["ItemRef"] = JsonRead.Ref(itemId, EntityRow.Name(item, "Name"));
            var qty = JsonRead.Dec(detail, "Qty");
            var unitPrice = JsonRead.Dec(detail, "UnitPrice");
            if (qty is null && EntityRow.Name(item, "Type") == "Inventory")
            {
                throw new QboException("6520", "Missing Inventory Item Quantity",
                    $"Please enter a quantity for inventory item {EntityRow.Name(item, "Name")}.", "Qty");
            }

            // Amount must equal Qty × UnitPrice rounded half up to cents (REFERENCE §3.5).
            if (qty is { } q && unitPrice is { } p && Money.Round(q * p) != amount)
            {
                throw new QboException("6070", "Amount is not equal to UnitPrice * Qty",
                    $"Amount is not equal to UnitPrice * Qty. Supplied value:{amount.ToString(CultureInfo.InvariantCulture)}", "Line.Amount");
            }
        }

        Tracking.CheckClassRef(company, detail, context);
        var stored = Head(line, number, amount, "SalesItemLineDetail");
        stored["SalesItemLineDetail"] = detail;

        // A line without ItemRef is documentation only; its Amount is ignored (REFERENCE §3.1).
        return new SalesLine(stored, detail, item is null ? 0m : amount, item, JsonRead.RefValue(detail, "TaxCodeRef"));
    }

    private static JsonObject DescriptionLine(JsonObject line, int number)
    {
        var stored = Head(line, number, 0m, "DescriptionOnly");
        stored["DescriptionLineDetail"] = JsonRead.Obj(line, "DescriptionLineDetail")?.DeepClone() ?? new JsonObject();
        return stored;
    }

    private static JsonObject Head(JsonObject line, int number, decimal amount, string detailType)
    {
        var description = JsonRead.Str(line, "Description");
        EntityRow.CheckLength(description, "Line.Description", 4000);
        var stored = new JsonObject
        {
            ["Id"] = number.ToString(CultureInfo.InvariantCulture),
            ["LineNum"] = number,
        };
        if (description is not null)
        {
            stored["Description"] = description;
        }

        stored["Amount"] = amount;
        stored["DetailType"] = detailType;
        return stored;
    }
}

/// <summary>One sales item line: <see cref="Amount"/> is what counts toward the total (0 for documentation lines).</summary>
internal sealed record SalesLine(JsonObject Stored, JsonObject Detail, decimal Amount, JsonObject? Item, string? TaxCode)
{
    public decimal Amount { get; set; } = Amount;
}

internal sealed class LineSet
{
    public List<JsonObject> Ordered { get; } = [];

    public List<SalesLine> Sales { get; } = [];

    /// <summary>Discount lines and their sent Amount (used unless percent-based).</summary>
    public List<(JsonObject Stored, decimal? Amount)> Discounts { get; } = [];
}
