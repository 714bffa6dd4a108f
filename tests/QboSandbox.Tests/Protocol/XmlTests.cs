using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Xml.Linq;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Protocol;

/// <summary>
/// XML requests and responses: root IntuitResponse in http://schema.intuit.com/finance/v3 with a time attribute,
/// attributes and elements as in the .NET SDK's schema classes, faults as REFERENCE §5.1 (D-ERR) and the response
/// captured in QuickBooks-V3-PHP-SDK#127 show them.
/// </summary>
public sealed class XmlTests
{
    private static readonly XNamespace Qbo = "http://schema.intuit.com/finance/v3";

    [Fact]
    public async Task ReadCustomer_AcceptXml_AnswersIntuitResponse()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await SendAsync(sandbox, token, HttpMethod.Get, "customer/1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("UTF-8", response.Content.Headers.ContentType.CharSet);
        var root = await XmlAsync(response);
        Assert.Equal(Qbo + "IntuitResponse", root.Name);
        Assert.Equal("2015-07-24T10:33:39.000-07:00", (string?)root.Attribute("time"));
        var customer = root.Element(Qbo + "Customer")!;
        Assert.Equal("QBO", (string?)customer.Attribute("domain"));
        Assert.Equal("false", (string?)customer.Attribute("sparse"));
        Assert.Equal("1", customer.Element(Qbo + "Id")!.Value);
        Assert.Equal("Amy's Bird Sanctuary", customer.Element(Qbo + "DisplayName")!.Value);
        Assert.Equal("Birds@Intuit.com", customer.Element(Qbo + "PrimaryEmailAddr")!.Element(Qbo + "Address")!.Value);
        Assert.Equal("USD", customer.Element(Qbo + "CurrencyRef")!.Value);
        Assert.NotNull(customer.Element(Qbo + "MetaData")!.Element(Qbo + "CreateTime"));
    }

    [Fact]
    public async Task CreateInvoice_XmlBody_IsStoredAndAnsweredInXml()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        const string invoice = """
            <Invoice xmlns="http://schema.intuit.com/finance/v3">
              <Line>
                <Amount>100.00</Amount>
                <DetailType>SalesItemLineDetail</DetailType>
                <SalesItemLineDetail><ItemRef>1</ItemRef><Qty>2</Qty><UnitPrice>50</UnitPrice></SalesItemLineDetail>
              </Line>
              <CustomerRef name="Amy's Bird Sanctuary">1</CustomerRef>
              <CustomerMemo>Thanks</CustomerMemo>
              <DocNumber>0042</DocNumber>
            </Invoice>
            """;

        using var response = await SendAsync(sandbox, token, HttpMethod.Post, "invoice", invoice);

        var root = await XmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var created = root.Element(Qbo + "Invoice")!;
        Assert.Equal(100m, (decimal)created.Element(Qbo + "TotalAmt")!);
        Assert.Equal("0042", created.Element(Qbo + "DocNumber")!.Value);
        Assert.Equal("Amy's Bird Sanctuary", (string?)created.Element(Qbo + "CustomerRef")!.Attribute("name"));
        Assert.Equal("1", created.Element(Qbo + "CustomerRef")!.Value);
        Assert.Equal(2, created.Elements(Qbo + "Line").Count());
        var stored = Assert.Single(sandbox.State.GetEntities(TestSandbox.DemoRealm, "Invoice"));
        Assert.Equal("Thanks", stored["CustomerMemo"]!["value"]!.GetValue<string>());
        Assert.Equal(2m, stored["Line"]![0]!["SalesItemLineDetail"]!["Qty"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Query_AcceptXml_PageCountsAreAttributes()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await SendAsync(sandbox, token, HttpMethod.Get, "query?query=" + Uri.EscapeDataString("SELECT * FROM Customer"));

        var page = (await XmlAsync(response)).Element(Qbo + "QueryResponse")!;
        Assert.Equal("1", (string?)page.Attribute("startPosition"));
        Assert.Equal("4", (string?)page.Attribute("maxResults"));
        Assert.Equal("4", (string?)page.Attribute("totalCount"));
        Assert.Equal(4, page.Elements(Qbo + "Customer").Count());
    }

    [Fact]
    public async Task Faults_AcceptXml_FaultWithErrorAttributes()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var validation = await SendAsync(sandbox, token, HttpMethod.Post, "invoice",
            """<Invoice xmlns="http://schema.intuit.com/finance/v3"><Line><Amount>1</Amount></Line></Invoice>""");
        using var unauthenticated = await SendAsync(sandbox, "not-a-token", HttpMethod.Get, "customer/1");
        using var malformed = await SendAsync(sandbox, token, HttpMethod.Post, "invoice", "<Invoice><Line>");

        Assert.Equal(HttpStatusCode.BadRequest, validation.StatusCode);
        var fault = (await XmlAsync(validation)).Element(Qbo + "Fault")!;
        Assert.Equal("ValidationFault", (string?)fault.Attribute("type"));
        var error = fault.Element(Qbo + "Error")!;
        Assert.Equal("2020", (string?)error.Attribute("code"));
        Assert.Equal("CustomerRef", (string?)error.Attribute("element"));
        Assert.Equal("Required param missing, need to supply the required value for the API", error.Element(Qbo + "Message")!.Value);
        Assert.Equal("Required parameter CustomerRef is missing in the request", error.Element(Qbo + "Detail")!.Value);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        var authError = (await XmlAsync(unauthenticated)).Element(Qbo + "Fault")!;
        Assert.Equal("AuthenticationFault", (string?)authError.Attribute("type"));
        Assert.Null(authError.Element(Qbo + "Error")!.Attribute("element"));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal("2010", (string?)(await XmlAsync(malformed)).Element(Qbo + "Fault")!.Element(Qbo + "Error")!.Attribute("code"));
    }

    [Fact]
    public async Task Batch_XmlBody_AnswersBatchItemResponses()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        const string batch = """
            <IntuitBatchRequest xmlns="http://schema.intuit.com/finance/v3">
              <BatchItemRequest bId="c1" operation="create"><Customer><DisplayName>From XML</DisplayName></Customer></BatchItemRequest>
              <BatchItemRequest bId="q1"><Query>SELECT * FROM Customer WHERE DisplayName = 'From XML'</Query></BatchItemRequest>
            </IntuitBatchRequest>
            """;

        using var response = await SendAsync(sandbox, token, HttpMethod.Post, "batch", batch);

        var items = (await XmlAsync(response)).Elements(Qbo + "BatchItemResponse").ToList();
        Assert.Equal(["c1", "q1"], items.Select(i => (string?)i.Attribute("bId")));
        Assert.Equal("From XML", items[0].Element(Qbo + "Customer")!.Element(Qbo + "DisplayName")!.Value);
        Assert.Equal("1", (string?)items[1].Element(Qbo + "QueryResponse")!.Attribute("totalCount"));
    }

    [Fact]
    public async Task Cdc_AcceptXml_CdcResponseHoldsQueryResponses()
    {
        // The .NET SDK's DataService.CDC reads IntuitResponse → CDCResponse → QueryResponse → entities.
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await SendAsync(sandbox, token, HttpMethod.Get, "cdc?entities=Item,Customer&changedSince=2015-07-24");

        var pages = (await XmlAsync(response)).Element(Qbo + "CDCResponse")!.Elements(Qbo + "QueryResponse").ToList();
        Assert.Equal(2, pages.Count);
        Assert.Equal(4, pages[0].Elements(Qbo + "Item").Count());
        Assert.Equal(4, pages[1].Elements(Qbo + "Customer").Count());
    }

    [Fact]
    public async Task NoAccept_StaysJson()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v3/company/{TestSandbox.DemoRealm}/customer/1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await sandbox.Http.SendAsync(request);

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    private static async Task<HttpResponseMessage> SendAsync(TestSandbox sandbox, string token, HttpMethod method, string relative, string? xml = null)
    {
        using var request = new HttpRequestMessage(method, $"v3/company/{TestSandbox.DemoRealm}/{relative}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));
        if (xml is not null)
        {
            request.Content = new StringContent(xml, Encoding.UTF8, "application/xml");
        }

        return await sandbox.Http.SendAsync(request);
    }

    private static async Task<XElement> XmlAsync(HttpResponseMessage response) =>
        XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
}
