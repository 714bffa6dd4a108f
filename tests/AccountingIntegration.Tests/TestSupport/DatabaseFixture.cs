namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// One migrated database of each kind per test class, created on first use. Tests in a class
/// share it, so each test works with its own fresh ids rather than assuming an empty table.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private readonly Dictionary<DatabaseKind, Task<TestDatabase>> _databases = [];
    private readonly Lock _lock = new();

    public Task<TestDatabase> GetAsync(DatabaseKind kind)
    {
        lock (_lock)
        {
            if (!_databases.TryGetValue(kind, out var database))
            {
                database = TestDatabase.CreateAsync(kind);
                _databases[kind] = database;
            }

            return database;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var database in _databases.Values)
        {
            if (database.IsCompletedSuccessfully)
            {
                await (await database).DisposeAsync();
            }
        }
    }
}
