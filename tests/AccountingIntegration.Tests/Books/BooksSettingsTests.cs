using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Books;

/// <summary>The organization's own books settings through its API key, and what they change in what is booked.</summary>
public sealed class BooksSettingsTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory, BothDatabases]
    public async Task Settings_DefaultsThenWhatTheOrganizationPuts(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "square", connect: false);
        var url = $"/api/v1/org/{world.Slug}/books/settings";

        var defaults = (await world.Client.GetFromJsonAsync<JsonElement>(url)).GetProperty("data");
        using var put = await world.Client.PutAsJsonAsync(url, new
        {
            fallbackCustomer = "  Counter sales ",
            taxCodes = new Dictionary<string, string> { ["0.13"] = "HST ON" },
            items = new Dictionary<string, string> { ["shipping"] = "Delivery" },
            roundingTolerance = 0.02m,
        });
        var saved = (await world.Client.GetFromJsonAsync<JsonElement>(url)).GetProperty("data");

        Assert.Equal("Online sales", defaults.GetProperty("fallbackCustomer").GetString());
        Assert.Equal("Shipping", defaults.GetProperty("items").GetProperty("shipping").GetString());
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Counter sales", saved.GetProperty("fallbackCustomer").GetString());
        Assert.Equal("HST ON", saved.GetProperty("taxCodes").GetProperty("0.13").GetString());
        Assert.Equal("Delivery", saved.GetProperty("items").GetProperty("shipping").GetString());
        Assert.Equal("Fees", saved.GetProperty("items").GetProperty("fees").GetString());
        Assert.Equal(0.02m, saved.GetProperty("roundingTolerance").GetDecimal());
    }

    [Theory, BothDatabases]
    public async Task Settings_BadValues_AreRefusedNamingEachField_AndNothingChanges(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "square", connect: false);
        var url = $"/api/v1/org/{world.Slug}/books/settings";

        using var put = await world.Client.PutAsJsonAsync(url, new
        {
            fallbackCustomer = "",
            taxCodes = new Dictionary<string, string> { ["thirteen"] = "HST ON" },
            items = new Dictionary<string, string> { ["freight"] = "Freight" },
            roundingTolerance = 5m,
        });
        var problem = await put.Content.ReadFromJsonAsync<JsonElement>();
        var after = (await world.Client.GetFromJsonAsync<JsonElement>(url)).GetProperty("data");

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "fallbackCustomer", "taxCodes.thirteen", "items.freight", "roundingTolerance" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");
        }

        Assert.Equal("Online sales", after.GetProperty("fallbackCustomer").GetString());
    }

    [Theory, BothDatabases]
    public async Task SaleWithoutBuyer_GoesToTheFallbackCustomerTheOrganizationChose(DatabaseKind kind)
    {
        await using var world = await PipelineWorld.StartAsync(await databases.GetAsync(kind), "square");
        await CompanyRegimeBookingTests.BooksSettingsAsync(world, new { fallbackCustomer = "Counter sales" });

        // Square's payment names no buyer at all.
        var sale = await world.DeliverFixtureAsync("square/payment.updated.json");

        Assert.Equal(PayloadStatus.Succeeded, sale.Status);
        var invoice = Assert.Single(world.Entities("Invoice"));
        var customer = Assert.Single(world.Entities("Customer"), c => (string?)c["Id"] == (string?)invoice["CustomerRef"]!["value"]);
        Assert.Equal("Counter sales", (string?)customer["DisplayName"]);
    }
}
