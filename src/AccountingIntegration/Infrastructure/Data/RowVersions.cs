using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Writes that land only on the row version they read (organizations, webhook sources). A change that loses the race
/// reads the row again and is made again; only a row rewritten under every one of these attempts refuses the change.
/// </summary>
internal static class RowVersions
{
    public const int MaxAttempts = 8;

    public static ApiException KeptChanging(string what) =>
        ApiException.Conflict(ErrorCodes.Conflict, $"The {what} was changed by someone else at every try while this change was made; send it again.");
}
