using System.Text.Json.Nodes;
using AccountingIntegration.Features.Books;

namespace AccountingIntegration.Tests.Books;

public sealed class DocumentFingerprintTests
{
    [Fact]
    public void Stamp_NoteOfAnyLength_EndsWithTheMarkerWithinQbosLimit()
    {
        var shortNote = new JsonObject { ["PrivateNote"] = "Shopify order #1001" };
        var longNote = new JsonObject { ["PrivateNote"] = new string('x', DocumentFingerprint.MaxNoteLength) };
        var noNote = new JsonObject();
        var numberNote = new JsonObject { ["PrivateNote"] = 1001 };

        foreach (var body in new[] { shortNote, longNote, noNote, numberNote })
        {
            DocumentFingerprint.Stamp(body, "payload:abc");
        }

        Assert.Equal("Shopify order #1001 [ai:payload:abc]", (string?)shortNote["PrivateNote"]);
        Assert.Equal(DocumentFingerprint.MaxNoteLength, ((string?)longNote["PrivateNote"])!.Length);
        Assert.EndsWith(" [ai:payload:abc]", (string?)longNote["PrivateNote"]);
        Assert.Equal("[ai:payload:abc]", (string?)noNote["PrivateNote"]);
        Assert.Equal("1001 [ai:payload:abc]", (string?)numberNote["PrivateNote"]);
    }

    [Fact]
    public void Carries_VoidedOrEditedNote_FindsOnlyItsOwnMarker()
    {
        var voided = new JsonObject { ["PrivateNote"] = "Voided Shopify order #1001 [ai:payload:abc] checked by Ann" };

        Assert.True(DocumentFingerprint.Carries(voided, "payload:abc"));
        Assert.False(DocumentFingerprint.Carries(voided, "payload:ab"));
        Assert.False(DocumentFingerprint.Carries(new JsonObject(), "payload:abc"));
    }
}
