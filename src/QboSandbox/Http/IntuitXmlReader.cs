using System.Globalization;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace QboSandbox.Http;

/// <summary>
/// Reads an XML request body (an entity such as &lt;Invoice xmlns="http://schema.intuit.com/finance/v3"&gt;, or an
/// IntuitBatchRequest) into the JSON object the rules read, inverting <see cref="IntuitXmlWriter"/>: attributes and
/// child elements become members, the text of a reference (CustomerRef, CustomerMemo) or of an element with
/// attributes becomes "value", repeated elements and
/// the collections below become arrays, and booleans and amounts get their JSON types (the XSD's xs:boolean and
/// xs:decimal fields; other text stays a string, so DocNumber "1001" or Id "1" keep theirs).
/// </summary>
internal static class IntuitXmlReader
{
    /// <summary>Collections that are arrays even with one member (Line, LinkedTxn, …).</summary>
    private static readonly HashSet<string> Collections = new(StringComparer.Ordinal)
    {
        "Line", "LinkedTxn", "TaxLine", "TaxRateDetail", "CustomField", "BatchItemRequest", "NameValue",
    };

    /// <summary>Reference types whose id is the element text (ReferenceType: every *Ref; MemoRef: CustomerMemo).</summary>
    private static readonly HashSet<string> TextObjects = new(StringComparer.Ordinal) { "CustomerMemo" };

    /// <summary>Decimal fields of the entities the sandbox models (any name ending in "Amt" is one too).</summary>
    private static readonly HashSet<string> Decimals = new(StringComparer.Ordinal)
    {
        "Amount", "UnitPrice", "Qty", "Balance", "TotalTax", "ExchangeRate", "RateValue", "TaxPercent", "DiscountPercent",
        "RemainingCredit", "QtyOnHand", "LineNum", "NetAmountTaxable", "OpenBalance", "BalanceWithJobs", "CurrentBalance",
        "PurchaseCost", "TaxInclusiveAmt",
    };

    public static async Task<JsonObject> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        XDocument document;
        try
        {
            document = await XDocument.LoadAsync(body, LoadOptions.None, cancellationToken).ConfigureAwait(false);
        }
        catch (XmlException ex)
        {
            throw QboException.InvalidProperty($"Property Name:Unable to parse request body: {ex.Message} specified is unsupported or invalid");
        }

        return document.Root is { } root ? Object(root) : [];
    }

    private static JsonObject Object(XElement element)
    {
        var json = new JsonObject();
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            json[attribute.Name.LocalName] = Typed(attribute.Name.LocalName, attribute.Value);
        }

        if (!element.HasElements)
        {
            if (element.Value.Length > 0)
            {
                json["value"] = element.Value;
            }

            return json;
        }

        foreach (var child in element.Elements())
        {
            var name = child.Name.LocalName;
            var node = child.HasElements || child.HasAttributes || IsReference(name) ? Object(child) : Typed(name, child.Value);
            if (json[name] is JsonArray list)
            {
                list.Add(node);
            }
            else if (json.ContainsKey(name))
            {
                // A second element of the same name: the member is a collection after all.
                var first = json[name];
                json.Remove(name);
                json[name] = new JsonArray(first, node);
            }
            else
            {
                json[name] = Collections.Contains(name) ? new JsonArray(node) : node;
            }
        }

        return json;
    }

    private static bool IsReference(string name) => name.EndsWith("Ref", StringComparison.Ordinal) || TextObjects.Contains(name);

    private static JsonNode Typed(string name, string text)
    {
        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }

        if ((Decimals.Contains(name) || name.EndsWith("Amt", StringComparison.Ordinal))
            && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }
}
