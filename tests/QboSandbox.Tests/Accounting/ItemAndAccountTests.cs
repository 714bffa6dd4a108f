using System.Net;
using QboSandbox.Tests.Support;

namespace QboSandbox.Tests.Accounting;

public sealed class ItemAndAccountTests
{
    [Fact]
    public async Task CreateItem_ServiceWithIncomeAccount_ReturnsItemWithAccountName()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "item", """{"Name":"Consulting","Type":"Service","UnitPrice":120,"IncomeAccountRef":{"value":"1"}}""");

        var item = (await TestSandbox.JsonAsync(response))["Item"]!;
        Assert.Equal("5", item["Id"]!.GetValue<string>());
        Assert.Equal("Service", item["Type"]!.GetValue<string>());
        Assert.Equal("Services", item["IncomeAccountRef"]!["name"]!.GetValue<string>());
        Assert.Equal(120m, item["UnitPrice"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task CreateItem_NoName_Returns2020()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "item", """{"Type":"Service","IncomeAccountRef":{"value":"1"}}""");

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2020");
        Assert.Equal("Name", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateItem_NoTypeWithOldMinorVersion_Returns2020BecauseFloorIs75()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "item?minorversion=3", """{"Name":"Typeless","IncomeAccountRef":{"value":"1"}}""");

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2020");
        Assert.Equal("Type", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateItem_DuplicateName_Returns6240()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "item", """{"Name":"services","Type":"Service","IncomeAccountRef":{"value":"1"}}""");

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "6240");
    }

    [Theory]
    [InlineData("Service")]
    [InlineData("NonInventory")]
    public async Task CreateItem_NoIncomeAccount_Returns2020(string type)
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "item", $$"""{"Name":"New","Type":"{{type}}"}""");

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2020");
        Assert.Equal("IncomeAccountRef", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateItem_UnknownIncomeAccount_Returns610()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "item", """{"Name":"New","Type":"Service","IncomeAccountRef":{"value":"99"}}""");

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "610");
    }

    [Fact]
    public async Task CreateItem_InventoryWithoutAssetAccount_Returns2020()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "item", """
            {"Name":"Widget","Type":"Inventory","IncomeAccountRef":{"value":"2"},"ExpenseAccountRef":{"value":"1"},
             "TrackQtyOnHand":true,"QtyOnHand":5,"InvStartDate":"2015-01-01"}
            """);

        var error = await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2020");
        Assert.Equal("AssetAccountRef", error["element"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReadItem_Existing_ReturnsServicesItem()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(token, "item/1");

        Assert.Equal("Services", (await TestSandbox.JsonAsync(response))["Item"]!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateAccount_ExpenseType_ClassifiesAsExpense()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "account", """{"Name":"Travel","AccountType":"Expense"}""");
        var account = (await TestSandbox.JsonAsync(response))["Account"]!;
        using var read = await sandbox.GetAsync(token, "account/" + account["Id"]!.GetValue<string>());

        // The new company's chart of accounts has 9 accounts: the next one is 10.
        Assert.Equal("10", account["Id"]!.GetValue<string>());
        Assert.Equal("Expense", account["Classification"]!.GetValue<string>());
        Assert.Equal("Travel", (await TestSandbox.JsonAsync(read))["Account"]!["Name"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreateAccount_DuplicateName_Returns6240()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "account", """{"Name":"Services","AccountType":"Income"}""");

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "6240");
    }

    [Fact]
    public async Task CreateAccount_NoType_Returns2020()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.PostAsync(token, "account", """{"Name":"Typeless"}""");

        await TestSandbox.FaultAsync(response, HttpStatusCode.BadRequest, "2020");
    }

    [Fact]
    public async Task ReadCompanyInfo_OwnRealm_ReturnsCompanyName()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(token, $"companyinfo/{TestSandbox.DemoRealm}?minorversion=75");

        var info = (await TestSandbox.JsonAsync(response))["CompanyInfo"]!;
        Assert.Equal("Sandbox Company_US_1", info["CompanyName"]!.GetValue<string>());
        Assert.Equal("USA", info["CompanyAddr"]!["Country"]!.GetValue<string>());
    }

    [Fact]
    public async Task Api_UnknownResource_Returns404Fault()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var token = await sandbox.ConnectAsync();

        using var response = await sandbox.GetAsync(token, "bill/1");

        await TestSandbox.FaultAsync(response, HttpStatusCode.NotFound, "500");
    }
}
