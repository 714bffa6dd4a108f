using System.Globalization;
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
                    if (IsSecret(name) && !IsTimestamp(name, obj[name]))
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

    /// <summary>
    /// A property that says when a credential is valid (<c>previousSecretValidUntil</c>, <c>tokenExpiresAt</c>) names a
    /// secret but holds a time. It is kept only when both agree: its name ends as a time does and its value is an ISO-8601
    /// time, <c>none</c> or null, so a secret that happens to sit under such a name is still hidden.
    /// </summary>
    private static bool IsTimestamp(string name, JsonNode? value)
    {
        var lower = name.ToLowerInvariant();
        if (!lower.EndsWith("until", StringComparison.Ordinal) && !lower.EndsWith("at", StringComparison.Ordinal))
        {
            return false;
        }

        return value switch
        {
            null => true,
            JsonValue text when text.TryGetValue<string>(out var s) => s == "none" || (s.Length >= 20 && s[10] == 'T'
                && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _)),
            _ => false,
        };
    }

    private static bool IsSecret(string name)
    {
        var lower = name.ToLowerInvariant().Replace("-", "_", StringComparison.Ordinal);
        return SecretNames.Contains(lower)
            || (SecretMarkers.Any(m => lower.Contains(m, StringComparison.Ordinal)) && lower is not ("token_id" or "tokenid" or "connect_token_id" or "connecttokenid"));
    }
}
