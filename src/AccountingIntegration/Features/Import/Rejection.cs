namespace AccountingIntegration.Features.Import;

/// <summary>Why a row was not imported: a stable code for scripts and a sentence for people. Never a secret's value.</summary>
internal sealed record Rejection(string Code, string Message)
{
    public const string Unreadable = "UNREADABLE_ROW";
    public const string MissingValue = "MISSING_VALUE";
    public const string InvalidValue = "INVALID_VALUE";
    public const string TooLong = "TOO_LONG";
    public const string DuplicateKey = "DUPLICATE_KEY";
    public const string DuplicateUnique = "DUPLICATE_UNIQUE_VALUE";
    public const string MissingParent = "FOREIGN_KEY_MISSING";
    public const string OtherOrganization = "FOREIGN_KEY_OTHER_ORGANIZATION";
    public const string SecretNotEncrypted = "SECRET_NOT_CRYPTOJS";
    public const string SecretUndecryptable = "SECRET_DECRYPT_FAILED";
    public const string ConflictsWithDatabase = "CONFLICTS_WITH_EXISTING_ROW";
}

/// <summary>What a conversion knows besides the row: the import's own clock reading, for derived timestamps.</summary>
internal sealed record ImportContext(DateTime Now);
