namespace AccountingIntegration.Features.Sync.References;

/// <summary>
/// A customer or item QBO does not have, which the organization's settings do not let the sync create.
/// Permanent: the payload fails until someone adds the entity in QBO (or allows creation) and replays it.
/// </summary>
internal sealed class ReferenceNotFoundException(string entityType, string lookupValue, string field)
    : Exception($"{field}: {entityType} '{lookupValue}' was not found in QuickBooks and may not be created.")
{
    public const string ErrorCode = "REFERENCE_NOT_FOUND";

    public string EntityType { get; } = entityType;

    public string LookupValue { get; } = lookupValue;

    /// <summary>The invoice field that needed the reference, e.g. <c>Line[2].SalesItemLineDetail.ItemRef.value</c>.</summary>
    public string Field { get; } = field;

    public string Code => ErrorCode;
}
