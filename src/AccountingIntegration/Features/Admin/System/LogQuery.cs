using AccountingIntegration.Features.Audit;
using AccountingIntegration.Features.Sync;
using AccountingIntegration.Features.Usage;
using AccountingIntegration.Features.Webhooks.Status;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Admin.System;

/// <summary>Validated filters of the operator log lists and exports; times are UTC and the range is [from, to).</summary>
internal static class LogQuery
{
    public static AuditFilter Audit(string? organizationId, string? category, string? action, string? actorId, DateTime? from, DateTime? to)
    {
        CheckRange(from, to, []);
        return new AuditFilter
        {
            OrganizationId = organizationId, Category = category, Action = action, ActorId = actorId,
            From = from?.ToUniversalTime(), To = to?.ToUniversalTime(),
        };
    }

    /// <summary>A sync log's status is the payload outcome of that attempt, so the payload statuses are the valid values.</summary>
    public static SyncLogFilter SyncLogs(string? organizationId, string? status, DateTime? from, DateTime? to)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !PayloadQuery.Statuses.Contains(status))
        {
            errors["status"] = ["must be one of " + string.Join(", ", PayloadQuery.Statuses)];
        }

        CheckRange(from, to, errors);
        return new SyncLogFilter { OrganizationId = organizationId, Status = status, From = from?.ToUniversalTime(), To = to?.ToUniversalTime() };
    }

    public static UsageFilter Usage(string? organizationId, string? apiKeyId, DateTime? from, DateTime? to)
    {
        CheckRange(from, to, []);
        return new UsageFilter { OrganizationId = organizationId, ApiKeyId = apiKeyId, From = from?.ToUniversalTime(), To = to?.ToUniversalTime() };
    }

    private static void CheckRange(DateTime? from, DateTime? to, Dictionary<string, string[]> errors)
    {
        if (from is not null && to is not null && from > to)
        {
            errors["from"] = ["must not be after 'to'"];
        }

        if (errors.Count > 0)
        {
            throw ApiException.Validation(errors);
        }
    }
}
