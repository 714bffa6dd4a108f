using AccountingIntegration.Features.Organizations;
using AccountingIntegration.Features.Webhooks;
using AccountingIntegration.Infrastructure.Data;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>Fresh rows that many store tests need as a starting point.</summary>
internal static class TestData
{
    public static Task<Organization> OrganizationAsync(Database database, TimeProvider? time = null) =>
        new OrganizationStore(database, time ?? TimeProvider.System).CreateAsync("Test Org", Unique.Slug(), "pro", null, default);

    public static Task<WebhookSource> SourceAsync(Database database, string organizationId, bool isDefault = false, TimeProvider? time = null) =>
        new WebhookStore(database, time ?? TimeProvider.System).CreateSourceAsync(
            organizationId, "Shop", "shopify", "shopify", null, null, isDefault, default);

    /// <summary>A string of 64 hex characters, shaped like a SHA-256 hash and unique per call.</summary>
    public static string Hash() => Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N");
}
