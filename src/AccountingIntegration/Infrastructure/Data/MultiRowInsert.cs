using System.Data.Common;
using System.Globalization;
using System.Text;

namespace AccountingIntegration.Infrastructure.Data;

/// <summary>
/// One INSERT with a VALUES tuple per row, the values bound as parameters: a group of rows costs one statement
/// (one round trip on MySQL, one compile on SQLite) instead of one per row. Several such statements may share
/// one command, each with its own parameter prefix.
/// </summary>
internal static class MultiRowInsert
{
    /// <summary>Appends <c>{head} VALUES (…), (…){tail};</c> to <paramref name="sql"/> and binds every row's values to <paramref name="command"/>.</summary>
    /// <param name="command">The command the parameters are added to; its text is the caller's to set from <paramref name="sql"/>.</param>
    /// <param name="sql">The command text being built.</param>
    /// <param name="head">The statement up to VALUES, e.g. <c>INSERT INTO t (a, b)</c>.</param>
    /// <param name="prefix">Starts each parameter name; distinct per statement of one command.</param>
    /// <param name="rows">One array of column values per row, in the order of the head's columns; null is stored as NULL.</param>
    /// <param name="tail">What follows the tuples, e.g. a RETURNING clause.</param>
    public static void Append(DbCommand command, StringBuilder sql, string head, string prefix, IReadOnlyList<object?[]> rows, string tail = "")
    {
        sql.Append(head).Append(" VALUES ");
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            var row = rows[r];
            for (var c = 0; c < row.Length; c++)
            {
                var name = string.Create(CultureInfo.InvariantCulture, $"@{prefix}{r}_{c}");
                if (c > 0)
                {
                    sql.Append(", ");
                }

                sql.Append(name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = row[c] ?? DBNull.Value;
                command.Parameters.Add(parameter);
            }

            sql.Append(')');
        }

        sql.Append(tail).Append(";\n");
    }
}
