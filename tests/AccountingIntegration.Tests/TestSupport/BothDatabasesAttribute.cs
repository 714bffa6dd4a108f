using System.Reflection;
using Xunit.Sdk;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// Runs a theory once on SQLite and once on MariaDB/MySQL; the database shows in the test name
/// (<c>(kind: Sqlite)</c>, <c>(kind: MySql)</c>), so the output proves both ran.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BothDatabasesAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) =>
    [
        [DatabaseKind.Sqlite],
        [DatabaseKind.MySql],
    ];
}
