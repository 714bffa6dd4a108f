using System.Data.Common;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// A connection with a writing transaction open on it, for work that spans several stores (an
/// attempt's sync log and its payload outcome). Disposing without <see cref="CommitAsync"/> rolls back.
/// </summary>
internal sealed class DatabaseTransaction(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
