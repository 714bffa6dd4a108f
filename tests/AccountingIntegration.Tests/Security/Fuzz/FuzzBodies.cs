using System.Text;
using System.Text.Json.Nodes;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Security.Fuzz;

/// <summary>
/// Request bodies: none, empty, malformed, of the wrong JSON type, nulls, huge, deeply nested, or a plausible
/// valid body built from the operation's schema (property names pick realistic values where the schema has none).
/// </summary>
internal static class FuzzBodies
{
    private static readonly string[] Malformed = ["{", "{\"a\":", "[1,2", "nul", "{'single':1}", "{\"a\":1,}", "\u0000", "{\"a\":\"\\uZZZZ\"}", "}{"];

    private static readonly string[] WrongTopLevel = ["[]", "123", "\"text\"", "true", "null", "-0", "1e400"];

    /// <summary>A body for the operation, of any kind; when <paramref name="plausible"/>, a valid-looking one or none as the operation takes.</summary>
    /// <returns>The bytes (null for no body) and a description of the kind.</returns>
    public static (byte[]? Body, string Kind) For(Random random, ServedOperation operation, FuzzTargets targets, bool plausible)
    {
        var schema = operation.BodySchema;
        var takesBody = operation.Operation["requestBody"] is not null;
        var roll = random.Next(100);
        if (!takesBody && (plausible || roll < 70))
        {
            return (null, "none");
        }

        if (plausible)
        {
            return (Utf8(Plausible(random, operation, schema, targets)), "plausible");
        }

        return (roll % 10) switch
        {
            0 => (null, "none"),
            1 => ([], "empty"),
            2 => (Utf8(FuzzValues.Pick(random, Malformed)), "malformed"),
            3 => (random.Next(4) == 0 ? [0xC3, 0x28, 0xFF, 0xFE] : Utf8(FuzzValues.Pick(random, WrongTopLevel)), "wrong top-level type"),
            4 => (Utf8(Build(random, operation, schema, targets, Fill.WrongTypes).ToJsonString()), "wrong member types"),
            5 => (Utf8(Build(random, operation, schema, targets, Fill.Nulls).ToJsonString()), "nulls"),
            6 => (Utf8(Build(random, operation, schema, targets, Fill.Huge).ToJsonString()), "huge strings"),
            7 => (Utf8(Deep(random)), "deep nesting"),
            _ => (Utf8(Plausible(random, operation, schema, targets)), "plausible"),
        };
    }

    private enum Fill
    {
        Plausible,
        WrongTypes,
        Nulls,
        Huge,
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Plausible(Random random, ServedOperation operation, JsonObject? schema, FuzzTargets targets) => operation.Path switch
    {
        // A webhook takes any JSON: a real vendor event, so a plausible body goes the whole way to QBO.
        "/api/v1/webhook/{slug}" or "/api/v1/webhook/{slug}/{sourceId}" => PipelineWorld.ShopifyOrder(random.Next(1, int.MaxValue)),
        "/api/v1/intuit/webhooks" => $$$"""{"eventNotifications":[{"realmId":"{{{random.Next()}}}","dataChangeEvent":{"entities":[{"name":"Invoice","id":"1","operation":"Update","lastUpdated":"2026-01-01T00:00:00Z"}]}}]}""",
        _ => Build(random, operation, schema, targets, Fill.Plausible).ToJsonString(),
    };

    /// <summary>Nested arrays or objects far deeper than any request needs.</summary>
    private static string Deep(Random random)
    {
        var depth = FuzzValues.Pick(random, [65, 200, 2000]);
        return random.Next(2) == 0
            ? new string('[', depth) + new string(']', depth)
            : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
    }

    private static JsonNode Build(Random random, ServedOperation operation, JsonObject? schema, FuzzTargets targets, Fill fill)
    {
        var body = new JsonObject();
        foreach (var (name, property) in (operation.Resolve(schema?["oneOf"]?.AsArray().LastOrDefault()) ?? schema)?["properties"]?.AsObject() ?? [])
        {
            var propertySchema = operation.Resolve(property);
            body[name] = fill switch
            {
                Fill.Nulls => null,
                Fill.WrongTypes when random.Next(3) > 0 => Wrong(random, TypeOf(propertySchema)),
                Fill.Huge when TypeOf(propertySchema) == "string" => new string('h', random.Next(20) == 0 ? 1_200_000 : 20_000),
                _ => Value(random, operation, name, propertySchema, targets, depth: 0),
            };
        }

        return body;
    }

    private static string TypeOf(JsonObject? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t is not "null") ?? "object",
        JsonValue type => (string?)type ?? "object",
        _ => schema?["oneOf"] is not null ? "object" : "string",
    };

    private static JsonNode? Wrong(Random random, string type) => type switch
    {
        "string" => FuzzValues.Pick<JsonNode?>(random, [12345, true, new JsonArray(), new JsonObject { ["x"] = 1 }]),
        "boolean" => FuzzValues.Pick<JsonNode?>(random, ["yes", 1, new JsonObject()]),
        "integer" or "number" => FuzzValues.Pick<JsonNode?>(random, ["abc", 2147483648L, -1, 1.5, JsonNode.Parse("1e400"), "99999999999999999999", new JsonArray()]),
        "array" => FuzzValues.Pick<JsonNode?>(random, [new JsonObject(), "list", 7]),
        _ => FuzzValues.Pick<JsonNode?>(random, ["object", 3, new JsonArray(1, 2)]),
    };

    /// <summary>A value a client could really send for the member, by its name, else by its schema.</summary>
    private static JsonNode? Value(Random random, ServedOperation operation, string name, JsonObject? schema, FuzzTargets targets, int depth) => name switch
    {
        "name" or "description" => "Fuzz " + random.Next(1000),
        "slug" => "fuzz-" + Convert.ToHexStringLower(FuzzValues.RandomBytes(random, 4)),
        "planTier" => FuzzValues.Pick(random, ["free", "starter", "pro", "enterprise", "platinum"]),
        "sourceType" => FuzzValues.Pick(random, ["shopify", "stripe", "paddle", "generic"]),
        "signatureScheme" => FuzzValues.Pick(random, ["none", "shopify", "hmac-sha256"]),
        "sourceId" => targets.SourceId,
        "organizationId" => targets.OrganizationId,
        "overrideId" => random.Next(2) == 0 ? targets.OverrideId : null,
        "expiresAt" or "receivedFrom" or "receivedTo" => DateTime.UtcNow.AddDays(random.Next(-10, 30)).ToString("O"),
        "expiresInDays" => random.Next(-1, 40),
        "email" => random.Next(2) == 0 ? targets.AdminEmail : "nobody@example.com",
        "password" or "currentPassword" => random.Next(2) == 0 ? Admins.Password : "wrong password",
        "newPassword" => "another correct horse " + random.Next(),
        "status" => FuzzValues.Pick(random, ["failed", "queued", "success"]),
        "limit" or "priority" => random.Next(0, 20),
        "fieldMappings" => new JsonArray(new JsonObject { ["qboField"] = "DocNumber", ["sourceField"] = "name", ["transformation"] = "trim" }),
        "staticValues" => new JsonObject { ["CurrencyRef.value"] = "USD" },
        "eventActions" => new JsonObject { ["sale"] = FuzzValues.Pick(random, ["invoice", "sales_receipt", "auto", "bogus"]) },
        "payload" => JsonNode.Parse(PipelineWorld.ShopifyOrder(random.Next(1, 1000))),
        "eventType" => "orders/create",
        "eventIdPath" => "id",
        "eventTypePath" => "type",
        "roundingTolerance" => 0.01,
        _ => FromSchema(random, operation, name, schema, targets, depth),
    };

    private static JsonNode? FromSchema(Random random, ServedOperation operation, string name, JsonObject? schema, FuzzTargets targets, int depth)
    {
        if (schema?["oneOf"] is JsonArray choices)
        {
            return Value(random, operation, name, operation.Resolve(choices.LastOrDefault()), targets, depth);
        }

        switch (TypeOf(schema))
        {
            case "integer":
                return random.Next(0, 100);
            case "number":
                return random.NextDouble();
            case "boolean":
                return random.Next(2) == 0;
            case "array":
                return new JsonArray(Value(random, operation, name, operation.Resolve(schema?["items"]), targets, depth + 1));
            case "object" when depth < 3:
                var value = new JsonObject();
                foreach (var (member, memberSchema) in schema?["properties"]?.AsObject() ?? [])
                {
                    value[member] = Value(random, operation, member, operation.Resolve(memberSchema), targets, depth + 1);
                }

                return value;
            case "object":
                return new JsonObject();
            default:
                return "fuzz-" + random.Next(1000);
        }
    }
}
