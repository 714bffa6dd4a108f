using FluentMigrator;

namespace AccountingIntegration.Infrastructure.Data.Migrations;

/// <summary>
/// Every migration only adds, so instances of the previous version keep working on a migrated schema while they are
/// replaced (docs/operations.md). There is no way down: restore a backup.
/// </summary>
public abstract class ForwardOnlyMigration : Migration
{
    public sealed override void Down() =>
        throw new InvalidOperationException("Migrations are forward-only; restore a backup to go back.");
}

/// <summary>
/// A migration written once for both databases: <see cref="Apply"/> runs with the column types of the database the
/// runner is on (MySQL and MariaDB, or SQLite).
/// </summary>
public abstract class BothDatabasesMigration : ForwardOnlyMigration
{
    public sealed override void Up()
    {
        IfDatabase(ProcessorIdConstants.MySql, ProcessorIdConstants.MariaDB).Delegate(() => Apply(ColumnTypes.MySql));
        IfDatabase(ProcessorIdConstants.SQLite).Delegate(() => Apply(ColumnTypes.Sqlite));
    }

    /// <summary>The schema change, with the column types spelled for the database at hand.</summary>
    protected abstract void Apply(ColumnTypes t);
}
