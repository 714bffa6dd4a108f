using System.Data.Common;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// Commands kept prepared on one long-lived connection, by SQL text. Microsoft.Data.Sqlite compiles a command's
/// text on its first execution and keeps the statement for the next while the text stays the same, so a writer
/// that owns its connection re-executes its INSERTs without parsing them again. Not thread-safe: one owner at a time.
/// </summary>
internal sealed class PreparedCommands(DbConnection connection) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);

    public DbConnection Connection { get; } = connection;

    /// <summary>The command for <paramref name="sql"/>, created once with parameters @c0 … @c{count-1}; the caller sets their values.</summary>
    public DbCommand Get(string sql, int parameterCount)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            return command;
        }

        command = Connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameterCount; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = MultiRowInsert.ParameterName(i);
            command.Parameters.Add(parameter);
        }

        _commands.Add(sql, command);
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
        await Connection.DisposeAsync();
    }
}
