namespace AccountingIntegration.Mapping;

/// <summary>Stable error codes. Clients match on them, so they never change meaning; new ones may be added.</summary>
public static class MappingErrorCodes
{
    // Building a draft from a payload.
    public const string RequiredFieldMissing = "REQUIRED_FIELD_MISSING";
    public const string TransformationFailed = "TRANSFORMATION_FAILED";
    public const string InvalidPath = "INVALID_PATH";
    public const string InvalidValue = "INVALID_VALUE";

    // Saving a layer (also reported by a draft if a stored layer was never validated).
    public const string InvalidTransformation = "INVALID_TRANSFORMATION";
    public const string InvalidSourcePath = "INVALID_SOURCE_PATH";
    public const string InvalidQboField = "INVALID_QBO_FIELD";
    public const string InvalidStaticValue = "INVALID_STATIC_VALUE";
    public const string DuplicateField = "DUPLICATE_FIELD";
    public const string NothingToMap = "NOTHING_TO_MAP";

    // QBO's invoice rules, checked before sending (QBO reference §3).
    public const string CustomerRefMissing = "QBO_CUSTOMER_REF_MISSING";
    public const string NoLines = "QBO_NO_LINES";
    public const string LineAmountMissing = "QBO_LINE_AMOUNT_MISSING";
    public const string AmountMismatch = "QBO_AMOUNT_MISMATCH";
    public const string AmountOutOfRange = "QBO_AMOUNT_OUT_OF_RANGE";
    public const string ItemRefMissing = "QBO_ITEM_REF_MISSING";
    public const string InvalidDetailType = "QBO_INVALID_DETAIL_TYPE";
    public const string StringTooLong = "QBO_STRING_TOO_LONG";
    public const string InvalidDate = "QBO_INVALID_DATE";
    public const string NegativeLineValue = "QBO_NEGATIVE_LINE_VALUE";
}
