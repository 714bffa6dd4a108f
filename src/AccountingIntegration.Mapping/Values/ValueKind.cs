namespace AccountingIntegration.Mapping;

/// <summary>What a value flowing through a pipeline is. Missing and Null differ only in the error messages.</summary>
internal enum ValueKind
{
    Missing,
    Null,
    String,
    Number,
    Boolean,
    Json,
}
