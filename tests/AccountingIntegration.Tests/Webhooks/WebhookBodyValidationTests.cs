using AccountingIntegration.Features.Webhooks.Ingest;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Tests.Webhooks;

/// <summary>Checking a body with the reader alone accepts and refuses exactly what parsing it into a document does.</summary>
public sealed class WebhookBodyValidationTests
{
    public static TheoryData<string, byte[], int> Bodies() => new()
    {
        { "object", "{\"a\":[1,2,{\"b\":null}],\"c\":\"Jos\u00e9 \u2615\"}"u8.ToArray(), 64 },
        { "array", "[1,\"x\",true]"u8.ToArray(), 64 },
        { "whitespace around", " \r\n {} \t\n"u8.ToArray(), 64 },
        { "number root", "42"u8.ToArray(), 64 },
        { "string root", "\"text\""u8.ToArray(), 64 },
        { "null root", "null"u8.ToArray(), 64 },
        { "number root then garbage", "42 x"u8.ToArray(), 64 },
        { "empty", [], 64 },
        { "blank", "   \n  "u8.ToArray(), 64 },
        { "not json", "{not json"u8.ToArray(), 64 },
        { "unterminated", "{\"a\":[1,2"u8.ToArray(), 64 },
        { "trailing value", "{} {}"u8.ToArray(), 64 },
        { "trailing comma", "{\"a\":1,}"u8.ToArray(), 64 },
        { "comment", "{/* c */\"a\":1}"u8.ToArray(), 64 },
        { "bad escape", "{\"a\":\"\\x\"}"u8.ToArray(), 64 },
        { "control character in string", "{\"a\":\"x\u0001y\"}"u8.ToArray(), 64 },
        { "lone surrogate escape", "{\"a\":\"\\ud800\"}"u8.ToArray(), 64 },
        { "leading zero", "{\"a\":01}"u8.ToArray(), 64 },
        { "second line error", "{\n  \"a\": tru\n}"u8.ToArray(), 64 },
        { "byte order mark", [0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}'], 64 },
        { "not UTF-8", [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xE9, (byte)'"', (byte)'}'], 64 },
        { "not UTF-8 and not JSON", [(byte)'{', 0xFF], 64 },
        { "as deep as allowed", Nested(64), 64 },
        { "one level too deep", Nested(65), 64 },
        { "far too deep", Nested(80), 64 },
        { "too deep and broken", [.. Nested(80)[..100], (byte)'x'], 64 },
        { "deep under a small limit", Nested(5), 4 },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Validate_AnyBody_AcceptsOrRefusesAsParse(string name, byte[] body, int maxDepth)
    {
        var parsed = Outcome(() => WebhookBody.Parse(body, maxDepth).Dispose());
        var validated = Outcome(() => WebhookBody.Validate(body, maxDepth));

        Assert.True(parsed == validated, $"{name}: parse {parsed}, validate {validated}");
    }

    [Fact]
    public void Validate_BrokenOrTooDeep_RefusedWithTheDocumentedCodes()
    {
        Assert.Equal(IngestErrors.InvalidJsonCode, Assert.Throws<ApiException>(() => WebhookBody.Validate("{not json"u8.ToArray(), 64)).Code);
        Assert.Equal(IngestErrors.TooDeepCode, Assert.Throws<ApiException>(() => WebhookBody.Validate(Nested(80), 64)).Code);
        Assert.Equal(IngestErrors.NotUtf8Code, Assert.Throws<ApiException>(() => WebhookBody.Validate([(byte)'"', 0xE9, (byte)'"'], 64)).Code);
        Assert.Equal(400, Assert.Throws<ApiException>(() => WebhookBody.Validate("42"u8.ToArray(), 64)).Status);
    }

    private static byte[] Nested(int depth) => [.. Enumerable.Repeat((byte)'[', depth), .. Enumerable.Repeat((byte)']', depth)];

    private static string Outcome(Action check)
    {
        try
        {
            check();
            return "accepted";
        }
        catch (ApiException e)
        {
            return $"{e.Status} {e.Code}: {e.Message} {string.Join(",", e.Errors?.Select(x => $"{x.Key}={string.Join("|", x.Value)}") ?? [])}";
        }
    }
}
