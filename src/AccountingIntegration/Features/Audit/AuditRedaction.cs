using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Audit;

/// <summary>
/// Removes secrets from audit details before they are stored: any property whose name suggests
/// a credential is replaced, at any depth (SPEC §8: audit details are redacted).
/// </summary>
internal static class AuditRedaction
{
    public const string Redacted = "[redacted]";

    private static readonly string[] SecretMarkers =
        ["token", "secret", "password", "authorization", "apikey", "api_key", "cookie"];

    // Names that are secret only when they are the whole name ("code" but not "errorCode").
    private static readonly string[] SecretNames = ["code", "key", "key_hash", "keyhash", "signature", "hmac"];

    public static JsonObject Redact(JsonObject details)
    {
        var copy = details.DeepClone().AsObject();
        RedactInPlace(copy);
        return copy;
    }

    private static void RedactInPlace(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecret(name))
                    {
                        obj[name] = Redacted;
                    }
                    else
                    {
                        RedactInPlace(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RedactInPlace(item);
                }

                break;
        }
    }

    private static bool IsSecret(string name)
    {
        var lower = name.ToLowerInvariant().Replace("-", "_", StringComparison.Ordinal);
        return SecretNames.Contains(lower)
            || (SecretMarkers.Any(m => lower.Contains(m, StringComparison.Ordinal)) && lower is not ("token_id" or "tokenid" or "connect_token_id" or "connecttokenid"));
    }
}
