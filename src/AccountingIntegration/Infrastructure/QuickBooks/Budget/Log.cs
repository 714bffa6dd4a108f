namespace AccountingIntegration.Infrastructure.QuickBooks.Budget;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not reserve QBO budget for realm {RealmId}; callers wait and it is tried again")]
    public static partial void BudgetStoreFailed(ILogger logger, string realmId, Exception exception);
}
