namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reserve QBO budget for realm {RealmId}; callers wait and it is tried again")]
    public static partial void BudgetStoreFailed(ILogger logger, string realmId, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A QBO permit for realm {RealmId} was taken up {LateMs} ms after it lapsed; waiting for a fresh one")]
    public static partial void PermitLate(ILogger logger, string realmId, double lateMs);
}
