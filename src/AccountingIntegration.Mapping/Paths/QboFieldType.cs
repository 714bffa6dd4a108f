namespace AccountingIntegration.Mapping;

/// <summary>How a value is written into a QBO invoice field, and what the validators check for it.</summary>
internal enum QboFieldType
{
    String,
    Decimal,
    Integer,
    Date,
    Boolean,
}
