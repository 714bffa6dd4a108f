namespace AccountingIntegration.Mapping;

/// <summary>What the engine knows about one QBO invoice field: its type and QBO's length limit, if any.</summary>
internal sealed record QboFieldInfo(string Pattern, QboFieldType Type, int? MaxLength = null);
