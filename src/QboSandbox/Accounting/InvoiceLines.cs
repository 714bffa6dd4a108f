using System.Globalization;
using System.Text.Json.Nodes;
using QboSandbox.Http;
using QboSandbox.State;

namespace QboSandbox.Accounting;

/// <summary>
/// Builds the stored invoice lines and totals (REFERENCE §3.1, §3.4, §3.5): Line Ids, item names, the
/// 6070 amount check, discounts, and the server's SubTotalLineDetail line appended at the end.
/// </summary>
internal static class InvoiceLines
{
    public static (JsonArray Lines, decimal Total) Build(Company company, JsonArray requested, CreateContext context)
    {
        var lines = new JsonArray();
        decimal subtotal = 0;
        decimal discount = 0;
        var lineNumber = 0;
        foreach (var node in requested)
        {
            var line = node as JsonObject ?? throw QboException.InvalidProperty("Property Name:Line specified is unsupported or invalid");
            var detailType = JsonRead.Str(line, "DetailType") ?? throw QboException.RequiredMissing("Line.DetailType");
            switch (detailType)
            {
                case "SalesItemLineDetail":
                    var (salesLine, amount) = SalesLine(company, line, ++lineNumber, context);
                    lines.Add(salesLine);
                    subtotal += amount;
                    break;
                case "DescriptionOnly":
                    lines.Add(DescriptionLine(line, ++lineNumber));
                    break;
                case "DiscountLineDetail":
                    var (discountLine, off) = DiscountLine(line, subtotal, ++lineNumber);
                    lines.Add(discountLine);
                    discount += off;
                    break;
                case "SubTotalLineDetail":
                    // A client subtotal is recomputed: the server appends its own below.
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

        lines.Add(new JsonObject
        {
            ["Amount"] = subtotal,
            ["DetailType"] = "SubTotalLineDetail",
            ["SubTotalLineDetail"] = new JsonObject(),
        });
        return (lines, subtotal - discount);
    }

    private static (JsonObject Line, decimal Amount) SalesLine(Company company, JsonObject line, int number, CreateContext context)
    {
        var amount = JsonRead.Dec(line, "Amount") ?? throw QboException.RequiredMissing("Line.Amount");
        var detail = JsonRead.Obj(line, "SalesItemLineDetail")?.DeepClone().AsObject() ?? new JsonObject();
        var itemId = JsonRead.RefValue(detail, "ItemRef");
        var counted = amount;
        if (itemId is null)
        {
            // A line without ItemRef is documentation only; its Amount is ignored (REFERENCE §3.1).
            counted = 0;
        }
        else
        {
            var item = company.Table(EntityNames.Item).Find(itemId);
            if (item is null || !EntityRow.IsActive(item) || !context.CanReference(EntityNames.Item, itemId))
            {
                throw QboException.ObjectNotFound("ItemRef");
            }

            detail["ItemRef"] = JsonRead.Ref(itemId, EntityRow.Name(item, "Name"));
            var qty = JsonRead.Dec(detail, "Qty");
            var unitPrice = JsonRead.Dec(detail, "UnitPrice");
            if (qty is null && EntityRow.Name(item, "Type") == "Inventory")
            {
                throw new QboException("6520", "Missing Inventory Item Quantity",
                    $"Please enter a quantity for inventory item {EntityRow.Name(item, "Name")}.", "Qty");
            }

            // Amount must equal Qty × UnitPrice rounded half up to cents (REFERENCE §3.5).
            if (qty is { } q && unitPrice is { } p && Math.Round(q * p, 2, MidpointRounding.AwayFromZero) != amount)
            {
                throw new QboException("6070", "Amount is not equal to UnitPrice * Qty",
                    $"Amount is not equal to UnitPrice * Qty. Supplied value:{amount.ToString(CultureInfo.InvariantCulture)}", "Line.Amount");
            }
        }

        if (detail["TaxCodeRef"] is null)
        {
            detail["TaxCodeRef"] = JsonRead.Ref("NON");
        }

        var stored = Head(line, number, amount, "SalesItemLineDetail");
        stored["SalesItemLineDetail"] = detail;
        return (stored, counted);
    }

    private static JsonObject DescriptionLine(JsonObject line, int number)
    {
        var stored = Head(line, number, 0m, "DescriptionOnly");
        stored["DescriptionLineDetail"] = JsonRead.Obj(line, "DescriptionLineDetail")?.DeepClone() ?? new JsonObject();
        return stored;
    }

    private static (JsonObject Line, decimal Amount) DiscountLine(JsonObject line, decimal subtotal, int number)
    {
        var detail = JsonRead.Obj(line, "DiscountLineDetail")?.DeepClone().AsObject() ?? new JsonObject();
        var amount = JsonRead.Bool(detail, "PercentBased") == true && JsonRead.Dec(detail, "DiscountPercent") is { } percent
            ? Math.Round(subtotal * percent / 100m, 2, MidpointRounding.AwayFromZero)
            : JsonRead.Dec(line, "Amount") ?? throw QboException.RequiredMissing("Line.Amount");
        var stored = Head(line, number, amount, "DiscountLineDetail");
        stored["DiscountLineDetail"] = detail;
        return (stored, amount);
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
