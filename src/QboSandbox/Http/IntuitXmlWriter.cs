using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace QboSandbox.Http;

/// <summary>
/// Renders a QBO JSON body as the XML QBO sends: root IntuitResponse in namespace http://schema.intuit.com/finance/v3
/// with a time attribute, e.g. (QuickBooks-V3-PHP-SDK#127, a captured response)
/// <code>
/// &lt;IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="2018-03-07T15:58:24.194-08:00"&gt;
///   &lt;Fault type="SystemFault"&gt;&lt;Error code="10000"&gt;&lt;Message&gt;…&lt;/Message&gt;&lt;Detail&gt;…&lt;/Detail&gt;&lt;/Error&gt;&lt;/Fault&gt;
/// </code>
/// The mapping follows the schema classes of Intuit's .NET SDK (Intuit.Ipp.Data, generated from the XSD): members
/// whose names start in lower case are XML attributes (domain, sparse, status, time, startPosition, maxResults,
/// totalCount, code, element, type, name, bId), "value" is the element's text (ReferenceType, MemoRef), everything
/// else is a child element, and an array repeats its element. Empty attributes are left out (the captured Error has
/// no element attribute).
/// </summary>
internal static class IntuitXmlWriter
{
    public const string Namespace = "http://schema.intuit.com/finance/v3";
    public const string ContentType = "application/xml;charset=UTF-8";

    private static readonly XNamespace Ns = Namespace;

    /// <summary>True for bodies shaped like an IntuitResponse: a string time and at least one PascalCase member.</summary>
    public static bool IsIntuitResponse(JsonObject body) =>
        body["time"] is JsonValue time && time.GetValueKind() == JsonValueKind.String && body.Any(p => IsElementName(p.Key));

    public static byte[] Write(JsonObject body)
    {
        var root = new XElement(Ns + "IntuitResponse");
        Fill(root, body);
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", "yes"), root);
        using var stream = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  " };
        using (var writer = XmlWriter.Create(stream, settings))
        {
            document.Save(writer);
        }

        return stream.ToArray();
    }

    private static void Fill(XElement element, JsonObject json)
    {
        foreach (var (name, value) in json)
        {
            switch (value)
            {
                case null:
                    break;
                case JsonValue text when name == "value":
                    element.Add(new XText(Text(text)));
                    break;
                case JsonValue attribute when !IsElementName(name):
                    var attributeText = Text(attribute);
                    if (attributeText.Length > 0)
                    {
                        element.SetAttributeValue(name, attributeText);
                    }

                    break;
                case JsonArray items:
                    foreach (var item in items)
                    {
                        element.Add(Element(name, item));
                    }

                    break;
                default:
                    element.Add(Element(name, value));
                    break;
            }
        }
    }

    private static XElement Element(string name, JsonNode? value)
    {
        var element = new XElement(Ns + name);
        switch (value)
        {
            case JsonObject child:
                Fill(element, child);
                break;
            case JsonValue text:
                element.Value = Text(text);
                break;
        }

        return element;
    }

    private static bool IsElementName(string name) => name.Length > 0 && char.IsUpper(name[0]);

    private static string Text(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.ToJsonString(),
    };
}
