using System.Text.Json.Serialization;

namespace AccountingIntegration.Infrastructure.QuickBooks;

/// <summary>Intuit's token endpoint answer (REFERENCE §1.6).</summary>
internal sealed record IntuitTokenResponse
{
    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public required string RefreshToken { get; init; }

    /// <summary>Seconds; 3600 at Intuit.</summary>
    [JsonPropertyName("expires_in")]
    public int ExpiresIn { get; init; }

    /// <summary>Seconds left on the refresh token's rolling window.</summary>
    [JsonPropertyName("x_refresh_token_expires_in")]
    public long RefreshTokenExpiresIn { get; init; }
}
