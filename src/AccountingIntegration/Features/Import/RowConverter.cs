using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace AccountingIntegration.Features.Import;

/// <summary>A converted row ready to insert (new column → value), or why the row cannot be imported.</summary>
internal sealed record Conversion(Dictionary<string, object?>? Row, Rejection? Rejection);

/// <summary>
/// Turns one exported row into a row of the new schema by its table's column mapping. Secrets are decrypted with
/// the old passphrase (so a dry run proves they can be); they are re-encrypted only when <c>secrets</c> is given,
/// that is when the row is about to be written. Messages name columns, never secret or hash values.
/// </summary>
internal sealed class RowConverter(string passphrase, ImportContext context)
{
    public Conversion Convert(LegacyTable table, RawRow raw, ImportSecrets? secrets)
    {
        if (raw.ParseError is { } parseError)
        {
            return Reject(Rejection.Unreadable, parseError);
        }

        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        var plaintexts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in table.Columns)
        {
            var text = column.OldNames.Select(n => raw.Values.GetValueOrDefault(n)).FirstOrDefault(v => v is not null);
            if (text is null)
            {
                if (column.Required)
                {
                    return Reject(Rejection.MissingValue, $"{column.Name}: a value is required.");
                }

                row[column.Name] = column.DefaultFrom is { } from ? row[from] : ReferenceEquals(column.Default, LegacyTables.Now) ? context.Now : column.Default;
                continue;
            }

            if (column.Kind == ColumnKind.Secret)
            {
                if (!CryptoJsAes.LooksEncrypted(text))
                {
                    return Reject(Rejection.SecretNotEncrypted, $"{column.Name}: the value is not CryptoJS AES ciphertext (Salted__ format).");
                }

                try
                {
                    plaintexts[column.Name] = CryptoJsAes.Decrypt(text, passphrase);
                }
                catch (CryptographicException)
                {
                    return Reject(Rejection.SecretUndecryptable, $"{column.Name}: the value does not decrypt with the old passphrase.");
                }

                // A marker until the row is finished: the Finish rules only need to know a secret is there.
                row[column.Name] = "(encrypted)";
                continue;
            }

            var (value, problem) = Parse(column, text);
            if (problem is not null)
            {
                return new Conversion(null, problem);
            }

            row[column.Name] = value;
        }

        if (table.Finish?.Invoke(row, context) is { } rejection)
        {
            return new Conversion(null, rejection);
        }

        if (secrets is not null)
        {
            foreach (var (name, plain) in plaintexts)
            {
                row[name] = table.Columns.First(c => c.Name == name).Protect!(secrets, row, plain);
            }
        }

        return new Conversion(row, null);
    }

    private static Conversion Reject(string code, string message) => new(null, new Rejection(code, message));

    private static (object? Value, Rejection? Problem) Parse(ImportColumn column, string text)
    {
        var name = column.Name;
        switch (column.Kind)
        {
            case ColumnKind.Boolean:
                return text.ToLowerInvariant() switch
                {
                    "true" or "1" => (true, null),
                    "false" or "0" => (false, null),
                    _ => (null, Invalid($"{name}: '{Shorten(text)}' is not true or false.")),
                };
            case ColumnKind.Integer:
                return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                    ? (number, null)
                    : (null, Invalid($"{name}: '{Shorten(text)}' is not a whole number."));
            case ColumnKind.Timestamp:
                return ParseTimestamp(text) is { } time ? (time, null) : (null, Invalid($"{name}: '{Shorten(text)}' is not a timestamp."));
            case ColumnKind.Json or ColumnKind.JsonObject or ColumnKind.JsonArray:
                return ParseJson(column, text);
            case ColumnKind.Sha256Hex:
                return text.Length == 64 && text.All(char.IsAsciiHexDigit)
                    ? (text.ToLowerInvariant(), null)
                    : (null, Invalid($"{name}: not a SHA-256 hex digest (the value is not shown)."));
            case ColumnKind.Sensitive:
                return text.Length <= column.MaxLength ? (text, null) : (null, new Rejection(Rejection.TooLong, $"{name}: longer than {column.MaxLength} characters (the value is not shown)."));
            default:
                var value = column.Kind == ColumnKind.LowerText ? text.ToLowerInvariant() : text;
                if (column.MaxLength > 0 && value.Length > column.MaxLength)
                {
                    return (null, new Rejection(Rejection.TooLong, $"{name}: {value.Length} characters, at most {column.MaxLength} fit."));
                }

                if (column.Allowed is { } allowed && !allowed.Contains(value, StringComparer.Ordinal))
                {
                    return (null, Invalid($"{name}: '{Shorten(value)}' is not one of {string.Join(", ", allowed)}."));
                }

                return (value, null);
        }
    }

    /// <summary>
    /// BigQuery writes TIMESTAMP as <c>2026-01-31 12:00:00.123456 UTC</c> in both CSV and JSON exports; ISO-8601 with
    /// an offset is read too, and a time without a zone is taken as UTC (the old system stored UTC).
    /// </summary>
    private static DateTime? ParseTimestamp(string text)
    {
        var normalized = text.EndsWith(" UTC", StringComparison.Ordinal) ? text[..^4] + "Z" : text;
        return DateTime.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
            ? DateTime.SpecifyKind(time, DateTimeKind.Utc)
            : null;
    }

    private static (object? Value, Rejection? Problem) ParseJson(ImportColumn column, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            var kind = document.RootElement.ValueKind;
            if (kind == JsonValueKind.Null)
            {
                return column.Required ? (null, new Rejection(Rejection.MissingValue, $"{column.Name}: a value is required.")) : (column.Default, null);
            }

            var expected = column.Kind switch
            {
                ColumnKind.JsonObject => JsonValueKind.Object,
                ColumnKind.JsonArray => JsonValueKind.Array,
                _ => kind,
            };
            return kind == expected
                ? (text.Trim(), null)
                : (null, Invalid($"{column.Name}: a JSON {expected.ToString().ToLowerInvariant()} was expected, not a {kind.ToString().ToLowerInvariant()}."));
        }
        catch (JsonException)
        {
            return (null, Invalid($"{column.Name}: not valid JSON."));
        }
    }

    private static Rejection Invalid(string message) => new(Rejection.InvalidValue, message);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
