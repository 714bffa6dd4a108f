using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Accounting;

public sealed class CustomerTests
{
    [Fact]
    public async Task CreateCustomer_DisplayName_ReturnsStoredCustomerWithNextId()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "customer?minorversion=75", """{"DisplayName":"Acme Corp","PrimaryEmailAddr":{"Address":"ap@acme.test"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await TestSandbox.JsonAsync(response);
        var customer = body["Customer"]!;
        Assert.Equal("5", customer["Id"]!.GetValue<string>());
        Assert.Equal("0", customer["SyncToken"]!.GetValue<string>());
        Assert.Equal("Acme Corp", customer["DisplayName"]!.GetValue<string>());
        Assert.True(customer["Active"]!.GetValue<bool>());
        Assert.Equal("ap@acme.test", customer["PrimaryEmailAddr"]!["Address"]!.GetValue<string>());
        Assert.Equal("2015-07-24T10:33:39-07:00", customer["MetaData"]!["CreateTime"]!.GetValue<string>());
        Assert.Equal("2015-07-24T10:33:39.000-07:00", body["time"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateCustomer_NamePartsOnly_BuildsDisplayName()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "customer", """{"Title":"Dr.","GivenName":"Ada","FamilyName":"Lovelace"}""");

        Assert.Equal("Dr. Ada Lovelace", (await TestSandbox.JsonAsync(response))["Customer"]!["DisplayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateCustomer_NoName_Returns2020()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "customer", """{"CompanyName":"No Display"}""");

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2020");
    }

    [Theory]
    [InlineData("Amy's Bird Sanctuary")]
    [InlineData("amy's bird sanctuary")]
    public async Task CreateCustomer_DuplicateDisplayName_Returns6240(string name)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "customer", $$"""{"DisplayName":"{{name}}"}""");

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "6240");
        Assert.Equal("Duplicate Name Exists Error", error["Message"]!.GetValue<string>());
        Assert.Equal(
            "The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.",
            error["Detail"]!.GetValue<string>());
        Assert.Equal(4, sandbox.State.GetEntities(TestSandbox.DemoRealm, "Customer").Count);
    }

    [Fact]
    public async Task CreateCustomer_ColonInName_ReturnsValidationFault()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "customer", """{"DisplayName":"Parent:Child"}""");

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "6000");
        Assert.Equal("DisplayName", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateCustomer_GivenNameTooLong_Returns2050()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "customer", $$"""{"GivenName":"{{new string('a', 101)}}"}""");

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2050");
    }

    [Fact]
    public async Task CreateCustomer_MalformedJson_Returns2010()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "customer", """{"DisplayName": """);

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2010");
    }

    [Fact]
    public async Task ReadCustomer_Existing_ReturnsCustomer()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(token, "customer/2?minorversion=75");

        Assert.Equal("Bill's Windsurf Shop", (await TestSandbox.JsonAsync(response))["Customer"]!["DisplayName"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadCustomer_Unknown_Returns610()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(token, "customer/999");

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "610");
    }

    [Fact]
    public async Task CreateCustomer_UpdateOperation_ReturnsUnsupportedOperation()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "customer?operation=delete", """{"Id":"1","SyncToken":"0"}""");

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "500");
    }
}
