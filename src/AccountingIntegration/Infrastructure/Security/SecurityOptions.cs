using AccountingIntegration.Infrastructure.Configuration;

namespace AccountingIntegration.Infrastructure.Security;

/// <summary>Secrets: token encryption key, JWT signing secret, OAuth state signing secret.</summary>
internal sealed class SecurityOptions
{
    public const int MinimumSecretLength = 32;

    // Development-only values, so `dotnet run` needs no configuration. Production refuses them.
    internal const string DevelopmentEncryptionKey = "development-only-encryption-key-do-not-use";
    internal const string DevelopmentJwtSecret = "development-only-jwt-secret-do-not-use-anywhere";
    internal const string DevelopmentStateSecret = "development-only-oauth-state-secret-do-not-use";

    private static readonly string[] KnownWeakMarkers =
        ["development-only", "change-me", "changeme", "your-", "secret-key", "32-character", "example"];

    public required string EncryptionKey { get; init; }

    /// <summary>Id written into every new ciphertext (ENCRYPTION_KEY_ID), so the key can rotate.</summary>
    public string EncryptionKeyId { get; init; } = "k1";

    /// <summary>Retired keys by id (ENCRYPTION_PREVIOUS_KEYS=id=key,id=key): they still decrypt, never encrypt.</summary>
    public IReadOnlyDictionary<string, string> PreviousEncryptionKeys { get; init; } = new Dictionary<string, string>();

    public required string JwtSecret { get; init; }

    /// <summary>Retired JWT secrets (JWT_PREVIOUS_SECRETS): tokens they signed still verify until they expire; none is signed.</summary>
    public IReadOnlyList<string> PreviousJwtSecrets { get; init; } = [];

    public required string OAuthStateSecret { get; init; }

    /// <summary>Retired state secrets (OAUTH_STATE_PREVIOUS_SECRETS): a consent begun before the rotation still completes.</summary>
    public IReadOnlyList<string> PreviousOAuthStateSecrets { get; init; } = [];

    public static SecurityOptions Bind(IConfiguration configuration, bool isDevelopment, List<string> problems)
    {
        var keyId = Settings.Text(configuration, "ENCRYPTION_KEY_ID") ?? "k1";
        if (!IsKeyId(keyId))
        {
            problems.Add($"ENCRYPTION_KEY_ID: '{keyId}' must be 1-16 letters, digits, '-' or '_'.");
        }

        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Settings.List(configuration, "ENCRYPTION_PREVIOUS_KEYS"))
        {
            var parts = entry.Split('=', 2);
            if (parts.Length != 2 || !IsKeyId(parts[0]) || parts[1].Length < MinimumSecretLength || parts[0] == keyId)
            {
                problems.Add($"ENCRYPTION_PREVIOUS_KEYS: each entry must be id=key with a key id other than ENCRYPTION_KEY_ID and a key of at least {MinimumSecretLength} characters.");
                continue;
            }

            previous[parts[0]] = parts[1];
        }

        return new SecurityOptions
        {
            EncryptionKey = Secret(configuration, "ENCRYPTION_KEY", DevelopmentEncryptionKey, isDevelopment, problems),
            EncryptionKeyId = keyId,
            PreviousEncryptionKeys = previous,
            JwtSecret = Secret(configuration, "JWT_SECRET", DevelopmentJwtSecret, isDevelopment, problems),
            PreviousJwtSecrets = Previous(configuration, "JWT_PREVIOUS_SECRETS", problems),
            OAuthStateSecret = Secret(configuration, "OAUTH_STATE_SECRET", DevelopmentStateSecret, isDevelopment, problems),
            PreviousOAuthStateSecrets = Previous(configuration, "OAUTH_STATE_PREVIOUS_SECRETS", problems),
        };
    }

    /// <summary>A comma-separated list of retired secrets, each as long as a current one must be.</summary>
    private static List<string> Previous(IConfiguration configuration, string name, List<string> problems)
    {
        var secrets = Settings.List(configuration, name).ToList();
        if (secrets.Any(s => s.Length < MinimumSecretLength))
        {
            problems.Add($"{name}: each retired secret must have at least {MinimumSecretLength} characters.");
        }

        return secrets;
    }

    private static bool IsKeyId(string id) =>
        id.Length is > 0 and <= 16 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Secret(IConfiguration configuration, string name, string developmentDefault, bool isDevelopment, List<string> problems)
    {
        var value = Settings.Text(configuration, name);
        if (value is null)
        {
            if (isDevelopment)
            {
                return developmentDefault;
            }

            problems.Add($"{name}: is required outside Development (at least {MinimumSecretLength} random characters).");
            return developmentDefault;
        }

        // Messages name the variable and the rule, never the value.
        if (value.Length < MinimumSecretLength)
        {
            problems.Add($"{name}: is too short ({value.Length} characters); use at least {MinimumSecretLength} random characters.");
        }
        else if (!isDevelopment && IsWeak(value))
        {
            problems.Add($"{name}: looks like a placeholder or development value; generate a random secret (e.g. `openssl rand -base64 48`).");
        }

        return value;
    }

    private static bool IsWeak(string value) =>
        value.Distinct().Count() < 8 || KnownWeakMarkers.Any(m => value.Contains(m, StringComparison.OrdinalIgnoreCase));
}
