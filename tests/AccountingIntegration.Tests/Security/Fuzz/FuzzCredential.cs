namespace AccountingIntegration.Tests.Security.Fuzz;

/// <summary>Who a fuzzed request claims to be.</summary>
internal enum FuzzCredential
{
    None,
    MalformedKey,
    MalformedBearer,
    RevokedKey,
    AdminToken,
    ViewerToken,
    ApiKey,
}
