using System.Text;
using System.Text.Json;
using static AccountingIntegration.Mapping.Tests.Layers;

namespace AccountingIntegration.Mapping.Tests;

/// <summary>
/// Building a draft from the UTF-8 text in one pass must give what building it from the parsed document gives, on the
/// payloads where a reader and a document could differ: repeated and escaped names, numbers beyond decimal, objects read
/// whole, lines that are not objects, and payloads the one pass hands back to the document.
/// </summary>
public sealed class OnePassDraftTests
{
    private static readonly FieldMapping[] OrderRules =
    [
        new("CustomerRef.value", "email", "coalesce:customer.email:$.contact_email|resolve:Customer", Required: true),
        new("BillEmail.Address", "email", "coalesce:customer.email"),
        new("DocNumber", "order.number", "toString|concat:SH-"),
        new("PrivateNote", "note", "default:no note|truncate:40"),
        new("Line", "items", Required: true),
        new("Line[].Description", "name", "coalesce:title:$.fallback_title"),
        new("Line[].SalesItemLineDetail.Qty", "qty"),
        new("Line[].SalesItemLineDetail.UnitPrice", "price", "toNumber"),
        new("Line[].SalesItemLineDetail.ItemRef.value", "sku", "coalesce:title|resolve:Item", Required: true),
    ];

    private static MergedMapping Order => Merge(OrderRules);

    [Fact]
    public void Plan_PlainPropertyPaths_AreReadInOnePass()
    {
        Assert.NotNull(Order.Compiled.ReadPlan);
    }

    [Fact]
    public void Plan_GenericTemplate_IsReadInOnePass()
    {
        Assert.NotNull(FromTemplate(BuiltInTemplates.ForSourceType("generic")!).Compiled.ReadPlan);
    }

    [Theory]
    [InlineData("items[0].sku")]
    [InlineData("order[0]")]
    [InlineData("$")]
    public void Plan_IndexOrWholeRoot_NeedsTheDocument(string source)
    {
        Assert.Null(Merge([.. OrderRules, new("CustomerMemo.value", source)]).Compiled.ReadPlan);
    }

    [Fact]
    public void Plan_ObjectReadWholeAndInside_NeedsTheDocument()
    {
        Assert.Null(Merge([.. OrderRules, new("CustomerMemo.value", "order", "toString")]).Compiled.ReadPlan);
        Assert.Null(Merge([.. OrderRules, new("CustomerMemo.value", "items.count")]).Compiled.ReadPlan);
    }

    [Fact]
    public void Plan_LinesFromTheRoot_NeedsTheDocument()
    {
        Assert.Null(Merge(new FieldMapping("CustomerRef.value", "c"), new FieldMapping("Line[].Amount", "amount")).Compiled.ReadPlan);
    }

    [Theory]
    [InlineData("""{"email":"a@x.io","order":{"number":1001},"items":[{"name":"A","qty":2,"price":"9.99","sku":"S1"}]}""")]
    // The last of repeated names wins, for values and for whole objects (what the first held is forgotten).
    [InlineData("""{"email":"first@x.io","email":"last@x.io","order":{"number":1},"order":{"other":2},"items":[{"sku":"S","sku":"T","qty":1,"price":1}]}""")]
    [InlineData("""{"items":[{"sku":"S","price":1}],"email":"a@x.io","items":null}""")]
    [InlineData("""{"items":"not yet","email":"a@x.io","items":[{"sku":"S","price":1}]}""")]
    // Escaped names and values.
    [InlineData("""{"em\u0061il":"\u00e9t\u00e9@x.io","order":{"numb\u0065r":"\"7\""},"items":[{"\u0073ku":"S\\1","price":"1"}]}""")]
    // Numbers: exponents, negative zero, beyond decimal's range (kept as text), and numbers where text is expected.
    [InlineData("""{"email":12,"order":{"number":1e3},"items":[{"sku":-0,"qty":1.5E1,"price":1e-2},{"sku":79228162514264337593543950336,"qty":1e400,"price":2}]}""")]
    // Empty, null and missing values fall back through coalesce, to the line, then to the root.
    [InlineData("""{"email":"","customer":{"email":"c@x.io"},"fallback_title":"F","items":[{"name":null,"title":"T","price":3},{"price":4}]}""")]
    [InlineData("""{"email":null,"contact_email":"k@x.io","items":[{"name":"","price":3,"title":""}]}""")]
    // Lines that are not objects, an empty line list, no lines at all, a line list that is not an array.
    [InlineData("""{"email":"a@x.io","items":[1,"two",null,[3],{"sku":"S","price":1}]}""")]
    [InlineData("""{"email":"a@x.io","items":[]}""")]
    [InlineData("""{"email":"a@x.io"}""")]
    [InlineData("""{"email":"a@x.io","items":{"sku":"S"}}""")]
    [InlineData("""{"email":"a@x.io","items":"S"}""")]
    // Values read whole that are objects or arrays; a path through a value that is not an object.
    [InlineData("""{"email":{"a":[1,2]},"order":"flat","note":["x",{"y":1}],"items":[{"sku":{"k":"v"},"name":[1],"price":1}]}""")]
    // Deep nesting the mapping does not read, and a root that is not an object.
    [InlineData("""{"skip":{"a":{"b":[{"c":[1,{"d":null}]}]}},"email":"a@x.io","items":[{"sku":"S","price":1,"x":{"y":[true,false]}}]}""")]
    [InlineData("""[{"email":"a@x.io"}]""")]
    [InlineData("42")]
    public void Build_FromUtf8_AgreesWithTheDocument(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var expected = InvoiceDraftBuilder.Build(document.RootElement, Order);

        OnePass.AssertSame(expected, InvoiceDraftBuilder.Build(Encoding.UTF8.GetBytes(payload), Order));
    }

    [Fact]
    public void Build_FromUtf8_MappingThatNeedsTheDocument_AgreesWithIt()
    {
        var mapping = Merge([.. OrderRules, new("CustomerMemo.value", "items[-1].sku")]);
        const string payload = """{"email":"a@x.io","items":[{"sku":"S","price":1},{"sku":"T","price":2}]}""";
        using var document = JsonDocument.Parse(payload);

        OnePass.AssertSame(InvoiceDraftBuilder.Build(document.RootElement, mapping), InvoiceDraftBuilder.Build(Encoding.UTF8.GetBytes(payload), mapping));
    }

    [Theory]
    [InlineData("""{"email":"a@x.io","items":[]} x""")]
    [InlineData("""{"email":"a@x.io","items":[}""")]
    [InlineData("""{"email":"a@x.io",}""")]
    [InlineData("""{"email":"a@x.io"} {}""")]
    [InlineData("")]
    public void Build_FromUtf8_InvalidJson_ThrowsAsParsingWould(string payload)
    {
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(payload));
        Assert.ThrowsAny<JsonException>(() => InvoiceDraftBuilder.Build(Encoding.UTF8.GetBytes(payload), Order));
    }

    [Fact]
    public void Build_FromUtf8_InvalidUtf8InAString_FailsOnlyWhenRead_AsTheDocumentDoes()
    {
        byte[] Payload(string name) => [.. Encoding.UTF8.GetBytes($$"""{"{{name}}":"a"""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")];

        using (var document = JsonDocument.Parse(Payload("email")))
        {
            Assert.Throws<InvalidOperationException>(() => InvoiceDraftBuilder.Build(document.RootElement, Order));
        }

        Assert.Throws<InvalidOperationException>(() => InvoiceDraftBuilder.Build(Payload("email"), Order));
        using var unread = JsonDocument.Parse(Payload("unread"));
        OnePass.AssertSame(InvoiceDraftBuilder.Build(unread.RootElement, Order), InvoiceDraftBuilder.Build(Payload("unread"), Order));
    }

    [Fact]
    public void Build_FromUtf8_NothingOfThePayloadStaysForTheNextDraft()
    {
        var first = InvoiceDraftBuilder.Build(Encoding.UTF8.GetBytes("""{"email":"a@x.io","items":[{"sku":"S","price":1},{"sku":"T","price":2}]}"""), Order);
        var second = InvoiceDraftBuilder.Build(Encoding.UTF8.GetBytes("""{"items":[{"price":3}]}"""), Order);

        Assert.Equal(2, first.Invoice["Line"]!.AsArray().Count);
        Assert.Single(second.Invoice["Line"]!.AsArray());
        Assert.Null(second.Invoice["CustomerRef"]);
        Assert.Contains(second.Errors, error => error.Field == "Line[0].SalesItemLineDetail.ItemRef.value");
    }
}
