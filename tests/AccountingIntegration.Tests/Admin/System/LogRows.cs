using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Usage;

namespace AccountingIntegration.Tests.Admin.System;

/// <summary>Rows for the log tables, with the text a test wants in them.</summary>
internal static class LogRows
{
    public static NewSyncLog Sync(string organizationId, string status, string? errorMessage, string? errorCode = null) => new()
    {
        OrganizationId = organizationId,
        PayloadId = Guid.NewGuid().ToString(),
        Status = status,
        Attempt = 1,
        QboRequestId = Guid.NewGuid().ToString("N"),
        ErrorCode = errorCode,
        ErrorMessage = errorMessage,
        DurationMs = 42,
    };

    public static ApiUsageEntry Usage(string organizationId, string apiKeyId, DateTime timestamp, string endpoint = "/api/v1/webhook/{slug}") => new()
    {
        OrganizationId = organizationId,
        ApiKeyId = apiKeyId,
        Endpoint = endpoint,
        Method = "POST",
        StatusCode = 202,
        DurationMs = 3,
        Timestamp = timestamp,
    };
}
