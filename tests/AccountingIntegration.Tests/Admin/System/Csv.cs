using CsvHelper;

namespace AccountingIntegration.Tests.Admin.System;

/// <summary>Reads an export back with an RFC 4180 reader: the header and every record's fields.</summary>
internal static class Csv
{
    public static (IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows) Parse(string text)
    {
        using var reader = CsvReader.FromText(text, null);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetString(i) ?? string.Empty)]);
        }

        return ([.. reader.Headers], rows);
    }

    public static string[] Column(IReadOnlyList<string> header, IReadOnlyList<string[]> rows, string name)
    {
        var index = header.ToList().IndexOf(name);
        Assert.True(index >= 0, $"no column {name}");
        return [.. rows.Select(r => r[index])];
    }
}
