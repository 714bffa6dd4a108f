namespace AccountingIntegration.Infrastructure.Security;

/// <summary>Request headers that carry a credential.</summary>
internal static class CredentialHeaders
{
    /// <summary>An organization's API key (SPEC §8).</summary>
    public const string ApiKey = "X-API-Key";
}
