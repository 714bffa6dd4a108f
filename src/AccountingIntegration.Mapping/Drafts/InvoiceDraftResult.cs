using System.Text.Json.Nodes;

namespace AccountingIntegration.Mapping;

/// <summary>The QBO invoice built from one payload, every problem found, and the references still to resolve.</summary>
public sealed record InvoiceDraftResult(
    JsonObject Invoice,
    IReadOnlyList<MappingError> Errors,
    IReadOnlyList<ResolverRequest> Resolvers)
{
    public bool IsValid => Errors.Count == 0;
}
