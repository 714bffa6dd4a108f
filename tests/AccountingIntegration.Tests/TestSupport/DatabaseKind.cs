namespace AccountingIntegration.Tests.TestSupport;

/// <summary>The databases every data-layer test runs on.</summary>
public enum DatabaseKind
{
    Sqlite,
    MySql,
}
