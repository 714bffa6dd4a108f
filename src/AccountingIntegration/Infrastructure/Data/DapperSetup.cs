using System.Data;
using System.Globalization;
using System.Text.Json.Nodes;
using Dapper;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>Registers Dapper's global conventions once per process.</summary>
internal static class DapperSetup
{
    private static int _configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1)
        {
            return;
        }

        // Columns are snake_case, properties PascalCase.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new UtcDateTimeHandler());
        SqlMapper.AddTypeHandler(new JsonObjectHandler());
        SqlMapper.AddTypeHandler(new DecimalHandler());
    }

    /// <summary>
    /// Every timestamp is stored and read as UTC. SQLite hands back text and MySQL a DateTime of
    /// unspecified kind; both come back as <see cref="DateTimeKind.Utc"/>.
    /// </summary>
    private sealed class UtcDateTimeHandler : SqlMapper.TypeHandler<DateTime>
    {
        public override void SetValue(IDbDataParameter parameter, DateTime value)
        {
            parameter.DbType = DbType.DateTime;
            parameter.Value = value.Kind switch
            {
                DateTimeKind.Utc => value,
                DateTimeKind.Local => value.ToUniversalTime(),
                _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            };
        }

        public override DateTime Parse(object value) => value switch
        {
            DateTime dt => DateTime.SpecifyKind(dt, DateTimeKind.Utc),
            string text => DateTime.Parse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            _ => throw new DataException($"Cannot read a {value.GetType().Name} as a UTC timestamp."),
        };
    }

    /// <summary>JSON columns hold JSON text; objects round-trip through it.</summary>
    private sealed class JsonObjectHandler : SqlMapper.TypeHandler<JsonObject>
    {
        public override void SetValue(IDbDataParameter parameter, JsonObject? value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is null ? DBNull.Value : value.ToJsonString();
        }

        public override JsonObject? Parse(object value) =>
            value is string text && text.Length > 0 ? JsonNode.Parse(text)?.AsObject() : null;
    }

    /// <summary>
    /// Money columns are DECIMAL. SQLite gives such a column numeric affinity, so a whole amount comes back as an
    /// integer and any other as a real; Dapper would fix a column's reader on its first row's type and fail on the next.
    /// Every numeric form is converted here (a real of at most 15 significant digits round-trips to the cent).
    /// </summary>
    private sealed class DecimalHandler : SqlMapper.TypeHandler<decimal>
    {
        public override void SetValue(IDbDataParameter parameter, decimal value)
        {
            parameter.DbType = DbType.Decimal;
            parameter.Value = value;
        }

        public override decimal Parse(object value) => Convert.ToDecimal(value, CultureInfo.InvariantCulture);
    }
}
