using System.Text.Json.Nodes;
using AccountingIntegration.Features.Mapping.Admin;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Tests.Mapping;

/// <summary>The checks on a layer's eventActions, on their own (the admin API tests show them through the routes).</summary>
public sealed class EventActionsInputTests
{
    [Fact]
    public void Read_ValidEntries_TrimsKeysAndNamesActionsCanonically()
    {
        var errors = new ValidationErrors();

        var read = EventActionsInput.Read(JsonNode.Parse("""{ " orders/paid ": " Sales_Receipt ", "refund": "CREDIT_MEMO" }""")!, "shopify", errors);

        Assert.Equal(0, errors.Count);
        Assert.Equal(new Dictionary<string, string> { ["orders/paid"] = "sales_receipt", ["refund"] = "credit_memo" }, read);
    }

    [Fact]
    public void Read_SameKeyInAnotherCase_IsRefusedOnTheSecond()
    {
        var errors = new ValidationErrors();

        var read = EventActionsInput.Read(JsonNode.Parse("""{ "sale": "invoice", "SALE": "ignore" }""")!, null, errors);

        Assert.Equal(["sale"], read.Keys);
        Assert.Equal(1, errors.Count);
        var problem = Assert.Throws<ApiException>(errors.ThrowIfAny);
        Assert.StartsWith("INVALID_EVENT_KEY: the same event as 'sale'", Assert.Single(problem.Errors!["eventActions.SALE"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_NoEntries_IsNullAndView_OfNull_IsAnEmptyObject()
    {
        Assert.Null(EventActionsInput.Json(new Dictionary<string, string>()));
        Assert.Null(EventActionsInput.Json(null));
        Assert.Equal("{}", EventActionsInput.View(null).ToJsonString());
        Assert.Equal("""{"sale":"invoice"}""", EventActionsInput.View(EventActionsInput.Json(new Dictionary<string, string> { ["sale"] = "invoice" })).ToJsonString());
    }

    [Fact]
    public void AuditChanges_NamesKeysAddedChangedOrRemoved_NothingWhenEqual()
    {
        var details = new JsonObject();
        var unchanged = new JsonObject();

        EventActionsInput.AuditChanges(details, """{"a":"auto","b":"void","c":"ignore"}""", """{"A":"AUTO","b":"ignore","d":"auto"}""");
        EventActionsInput.AuditChanges(unchanged, """{"a":"auto"}""", """{"a":"auto"}""");

        Assert.Equal("""["b","c","d"]""", details["eventActionsChanged"]!.ToJsonString());
        Assert.False(unchanged.ContainsKey("eventActionsChanged"));
    }
}
