using System.Text;
using System.Text.Json;

namespace AccountingIntegration.Mapping.Tests;

/// <summary>
/// The two ways to build a draft must give the same draft: from the parsed document, and from the UTF-8 text (read in one
/// pass when the mapping allows it). Every draft the tests build through <see cref="Layers.Build"/> is built both ways.
/// </summary>
internal static class OnePass
{
    /// <summary>The draft from the document, after checking that the UTF-8 path gives the same invoice, errors and resolver requests.</summary>
    public static InvoiceDraftResult BuildBoth(JsonElement payload, MergedMapping mapping)
    {
        var fromDocument = InvoiceDraftBuilder.Build(payload, mapping);
        var fromText = InvoiceDraftBuilder.Build(Encoding.UTF8.GetBytes(payload.GetRawText()), mapping);
        AssertSame(fromDocument, fromText);
        return fromDocument;
    }

    public static void AssertSame(InvoiceDraftResult expected, InvoiceDraftResult actual)
    {
        Assert.Equal(expected.Invoice.ToJsonString(), actual.Invoice.ToJsonString());
        Assert.Equal(expected.Errors, actual.Errors);
        Assert.Equal(expected.Resolvers, actual.Resolvers);
    }
}
