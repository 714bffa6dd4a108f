namespace AccountingIntegration.Mapping;

/// <summary>
/// A reference the sync stage must turn into a QBO id: <see cref="LookupValue"/> (a name, e-mail or SKU) is
/// what the draft holds at <see cref="QboField"/> until then.
/// </summary>
/// <param name="QboField">Where the id goes, with the line index: <c>CustomerRef.value</c>, <c>Line[2].SalesItemLineDetail.ItemRef.value</c>.</param>
/// <param name="EntityType"><c>Customer</c> or <c>Item</c>.</param>
/// <param name="LookupValue">The value the mapping produced.</param>
/// <param name="LineIndex">The line, for item references; null for header fields.</param>
public sealed record ResolverRequest(string QboField, string EntityType, string LookupValue, int? LineIndex);
