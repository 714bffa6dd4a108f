using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping.Tests;

/// <summary>Applies a built-in template to a payload and reads the draft back field by field.</summary>
internal static class TemplateAssertions
{
    public static InvoiceDraftResult Apply(string sourceType, System.Text.Json.JsonElement payload)
    {
        var template = BuiltInTemplates.ForSourceType(sourceType);
        Assert.NotNull(template);
        return OnePass.BuildBoth(payload, Layers.FromTemplate(template));
    }

    public static string? Text(JsonObject invoice, string path) =>
        JsonTree.Read(invoice, path) is JsonValue value ? value.GetValue<string>() : null;

    /// <summary>One line as "description | qty | unit price | amount | item", numbers with their scale.</summary>
    public static string[] Lines(JsonObject invoice) =>
        [
            .. invoice["Line"]!.AsArray().Select(node =>
            {
                var line = node!.AsObject();
                var detail = line["SalesItemLineDetail"]!.AsObject();
                Assert.Equal("SalesItemLineDetail", line["DetailType"]!.GetValue<string>());
                return string.Join(" | ",
                    line["Description"]?.GetValue<string>(),
                    detail["Qty"]!.ToJsonString(),
                    detail["UnitPrice"]?.ToJsonString(),
                    line["Amount"]!.ToJsonString(),
                    detail["ItemRef"]!["value"]!.GetValue<string>());
            }),
        ];

    public static string[] Resolvers(InvoiceDraftResult result) =>
        [.. result.Resolvers.Select(request => $"{request.QboField}={request.EntityType}:{request.LookupValue}")];
}
