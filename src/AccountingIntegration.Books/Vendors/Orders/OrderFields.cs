using System.Text.Json;

namespace AccountingIntegration.Books.Vendors.Orders;

/// <summary>
/// Reads the fields of our own order events and collects every problem, each named by its path in the body
/// (<c>order.lines[1].unitPrice</c>), so a sender fixing its payload sees them all at once rather than one per retry.
/// Amounts are major units (not cents), as a JSON number or decimal text, never negative.
/// </summary>
internal sealed class OrderFields
{
    private readonly List<AdapterProblem> problems = [];

    public IReadOnlyList<AdapterProblem> Problems => problems;

    public bool Failed => problems.Count > 0;

    public void Problem(string path, string message) => problems.Add(new AdapterProblem(path, message));

    /// <summary>Text at <paramref name="name"/> of <paramref name="element"/>; a problem at <paramref name="path"/> when required and absent.</summary>
    public string? Text(JsonElement element, string name, string path, bool required = false, int maxLength = 500)
    {
        var text = element.Text(name)?.Trim();
        if (text is null or { Length: 0 })
        {
            if (required)
            {
                Problem(path, "is required.");
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            Problem(path, $"is longer than {maxLength} characters.");
            return null;
        }

        return text;
    }

    /// <summary>An amount in major units; a problem when it is required and absent, not a number, negative, or finer than the currency's minor unit.</summary>
    public decimal? Amount(JsonElement element, string name, string path, string? currency, bool required = false)
    {
        if (element.At(name) is not { } value)
        {
            if (required)
            {
                Problem(path, "is required.");
            }

            return null;
        }

        if (value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String) || element.Decimal(name) is not { } amount)
        {
            Problem(path, "must be a number or decimal text in major units (\"19.99\", not cents).");
            return null;
        }

        if (amount < 0m)
        {
            Problem(path, "must not be negative.");
            return null;
        }

        if (currency is not null && amount != Money.Round(amount, currency))
        {
            Problem(path, $"has more decimals than {currency} has ({Money.Exponent(currency)}).");
            return null;
        }

        return amount;
    }

    /// <summary>A number that need not be money (a quantity, a tax percent); a problem when present but not a non-negative number.</summary>
    public decimal? Number(JsonElement element, string name, string path)
    {
        if (element.At(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.Number or JsonValueKind.String) || element.Decimal(name) is not { } number || number < 0m)
        {
            Problem(path, "must be a non-negative number.");
            return null;
        }

        return number;
    }

    /// <summary>
    /// What a line names: its <c>description</c> and <c>sku</c> (one of them required, unless the line is
    /// <paramref name="namedOtherwise"/>: the QBO item is the sku, else the description) and its <c>quantity</c> (1 by
    /// default, above zero).
    /// </summary>
    public (string? Description, string? Sku, decimal Quantity) Item(JsonElement line, string path, bool namedOtherwise = false)
    {
        var description = Text(line, "description", $"{path}.description", maxLength: 4000);
        var sku = Text(line, "sku", $"{path}.sku", maxLength: 100);
        if (description is null && sku is null && !namedOtherwise)
        {
            Problem($"{path}.sku", "or description is required: it names the item.");
        }

        var quantity = Number(line, "quantity", $"{path}.quantity") ?? 1m;
        if (quantity == 0m)
        {
            Problem($"{path}.quantity", "must be above zero.");
        }

        return (description, sku, quantity);
    }

    /// <summary>
    /// What a payment or refund (<paramref name="name"/>, the object <paramref name="moved"/> of <paramref name="body"/>) moved:
    /// its id, its currency (its own, else the order's; null when neither says), its amount (above zero) and its date (its
    /// own, else when the event occurred).
    /// </summary>
    public (string? Id, string? Currency, decimal? Amount, DateOnly? Date) Movement(JsonElement body, JsonElement moved, string name)
    {
        var id = Text(moved, "id", $"{name}.id", required: true, maxLength: 200);
        var currency = Currency(moved, "currency", $"{name}.currency") ?? Currency(body.At("order")!.Value, "currency", "order.currency");
        var amount = Amount(moved, "amount", $"{name}.amount", currency, required: true);
        if (amount == 0m)
        {
            Problem($"{name}.amount", "must be above zero.");
        }

        var date = Date(moved, "date", $"{name}.date") ?? Date(body, "occurredAt", "occurredAt");
        if (moved.At("date") is null && body.At("occurredAt") is null)
        {
            Problem($"{name}.date", "is required when the event has no occurredAt.");
        }

        return (id, currency, amount, date);
    }

    /// <summary>
    /// The rate at which the sender's processor converted the money of an order or a refund (<paramref name="path"/>) into
    /// the seller's own currency (<c>conversion.currency</c>, <c>conversion.rate</c> of it for one unit of the money's): in a
    /// company whose home currency that is, the document and its payment take it as their exchange rate, so the deposit
    /// shows no gain or loss that did not happen. <paramref name="currency"/> is the money's, when the event says.
    /// </summary>
    public Conversion? Conversion(JsonElement element, string path, string? currency)
    {
        if (Object(element, "conversion", $"{path}.conversion") is not { } conversion)
        {
            return null;
        }

        var to = Currency(conversion, "currency", $"{path}.conversion.currency", required: true);
        var rate = Number(conversion, "rate", $"{path}.conversion.rate");
        if (conversion.At("rate") is null)
        {
            Problem($"{path}.conversion.rate", "is required.");
        }
        else if (rate == 0m)
        {
            Problem($"{path}.conversion.rate", "must be above zero.");
        }

        if (to is not null && to == currency)
        {
            Problem($"{path}.conversion.currency", $"is the {path}'s own currency: there is nothing to convert.");
        }

        return to is null || rate is not > 0m ? null : new Conversion(to, rate.Value);
    }

    /// <summary>A tax percent (20 for 20 %) as the books' rate (0.20); null when absent; a problem above 100.</summary>
    public decimal? TaxPercent(JsonElement element, string path, string name = "taxPercent")
    {
        var percent = Number(element, name, $"{path}.{name}");
        if (percent is > 100m)
        {
            Problem($"{path}.{name}", "is a percent (20 for 20 %) and must be at most 100.");
            return null;
        }

        return percent / 100m;
    }

    public bool? Flag(JsonElement element, string name, string path)
    {
        if (element.At(name) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            Problem(path, "must be true or false.");
            return null;
        }

        return value.ValueKind == JsonValueKind.True;
    }

    /// <summary>A date (ISO 8601 with its own offset kept, or Unix seconds); a problem when required and absent, or unreadable.</summary>
    public DateOnly? Date(JsonElement element, string name, string path, bool required = false)
    {
        if (element.At(name) is null)
        {
            if (required)
            {
                Problem(path, "is required.");
            }

            return null;
        }

        if (element.Date(name) is not { } date)
        {
            Problem(path, "must be an ISO 8601 date or time (\"2026-03-01\", \"2026-03-01T09:30:00+01:00\") or Unix seconds.");
            return null;
        }

        return date;
    }

    /// <summary>The array at <paramref name="name"/> (empty when absent); a problem when it is there but not an array.</summary>
    public IReadOnlyList<JsonElement> List(JsonElement element, string name, string path)
    {
        var value = element.At(name);
        if (value is null)
        {
            return [];
        }

        if (value.Value.ValueKind != JsonValueKind.Array)
        {
            Problem(path, "must be an array.");
            return [];
        }

        var items = value.Value.EnumerateArray().ToList();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                Problem($"{path}[{i}]", "must be an object.");
            }
        }

        return items.Where(item => item.ValueKind == JsonValueKind.Object).ToList();
    }

    /// <summary>The object at <paramref name="name"/>, or null; a problem when required and absent, or not an object.</summary>
    public JsonElement? Object(JsonElement element, string name, string path, bool required = false)
    {
        var value = element.At(name);
        if (value is null)
        {
            if (required)
            {
                Problem(path, "is required.");
            }

            return null;
        }

        if (value.Value.ValueKind != JsonValueKind.Object)
        {
            Problem(path, "must be an object.");
            return null;
        }

        return value;
    }

    /// <summary>An ISO 4217 code, upper-cased; a problem when required and absent or not three letters.</summary>
    public string? Currency(JsonElement element, string name, string path, bool required = false)
    {
        var text = Text(element, name, path, required, maxLength: 100);
        if (text is null)
        {
            return null;
        }

        if (text.Length != 3 || !text.All(char.IsAsciiLetter))
        {
            Problem(path, "must be an ISO 4217 currency code (\"EUR\").");
            return null;
        }

        return text.ToUpperInvariant();
    }
}
