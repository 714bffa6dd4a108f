namespace AccountingIntegration.Features.Import;

/// <summary>How an old column's text becomes a new column's value.</summary>
internal enum ColumnKind
{
    Text,

    /// <summary>Text stored lower-cased (e-mails, whose unique key is case-insensitive).</summary>
    LowerText,

    /// <summary>Text that is itself a credential (a password or key hash): checked, never quoted in a message.</summary>
    Sensitive,

    /// <summary>A lower-case hex SHA-256 (API key and connect token hashes): checked, never quoted.</summary>
    Sha256Hex,
    Boolean,
    Integer,
    Timestamp,
    JsonObject,
    JsonArray,
    Json,

    /// <summary>Encrypted by the old service with CryptoJS AES; re-encrypted with the service's own keys.</summary>
    Secret,
}

/// <summary>
/// One column of the new schema and where it comes from in the old export. <see cref="OldNames"/> are tried in
/// order; a column with none of them present (or null) takes <see cref="Default"/>, or the value of
/// <see cref="DefaultFrom"/>, or is rejected when <see cref="Required"/>.
/// </summary>
internal sealed record ImportColumn(string Name, ColumnKind Kind)
{
    private readonly IReadOnlyList<string>? _oldNames;

    public IReadOnlyList<string> OldNames { get => _oldNames ?? [Name]; init => _oldNames = value; }

    public bool Required { get; init; }

    public int MaxLength { get; init; }

    public IReadOnlyList<string>? Allowed { get; init; }

    public object? Default { get; init; }

    public string? DefaultFrom { get; init; }

    /// <summary>The table whose key this column holds; the row is rejected unless that row was imported too.</summary>
    public string? References { get; init; }

    /// <summary>The referenced row must belong to the same organization as this row (a source, a key, a payload).</summary>
    public bool SameOrganization { get; init; }

    /// <summary>For <see cref="ColumnKind.Secret"/>: encrypts the plaintext for the finished row (its context binds org and row).</summary>
    public Func<ImportSecrets, IReadOnlyDictionary<string, object?>, string, string>? Protect { get; init; }
}

/// <summary>An extra row written with an imported row, in the same transaction (a payload's dedupe key).</summary>
internal sealed record CompanionRow(string Table, IReadOnlyDictionary<string, object?> Values);

/// <summary>
/// One of the old system's 13 tables: its name (the same in both systems), the new table's key column, the column
/// mapping, the unique keys that must hold within the export, and what is derived once a row is converted.
/// </summary>
internal sealed record LegacyTable(string Name, string Key, IReadOnlyList<ImportColumn> Columns)
{
    /// <summary>Unique keys besides the primary key, each a list of new column names.</summary>
    public IReadOnlyList<string[]> UniqueKeys { get; init; } = [];

    /// <summary>Derives or rewrites values of a converted row; returns a rejection when the row cannot be taken.</summary>
    public Func<Dictionary<string, object?>, ImportContext, Rejection?>? Finish { get; init; }

    public Func<IReadOnlyDictionary<string, object?>, CompanionRow?>? Companion { get; init; }
}
