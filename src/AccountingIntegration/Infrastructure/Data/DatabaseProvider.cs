namespace AccountingIntegration.Infrastructure.Data;

internal enum DatabaseProvider
{
    Sqlite,
    MySql,
}
