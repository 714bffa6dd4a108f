using System.Text.Json.Nodes;

namespace AccountingIntegration.Features.Books;

/// <summary>
/// The mark a created document carries in QBO itself: <c>[ai:{fingerprint}]</c> at the end of its <c>PrivateNote</c>,
/// where the fingerprint is the document's requestid (one payload, one role). QBO keeps it as long as the document, so
/// after an unanswered create the document can be recognised even when Intuit no longer remembers the requestid.
/// </summary>
internal static class DocumentFingerprint
{
    /// <summary>QBO's limit for PrivateNote (REFERENCE §3.3).</summary>
    public const int MaxNoteLength = 4000;

    public static string Marker(string fingerprint) => $"[ai:{fingerprint}]";

    /// <summary>Appends the marker to the body's PrivateNote, shortening the note itself when both would not fit.</summary>
    public static void Stamp(JsonObject body, string fingerprint)
    {
        var marker = Marker(fingerprint);
        // A mapping layer may have set the note to a number; QBO would take it as text too.
        var note = body["PrivateNote"] switch
        {
            JsonValue value when value.TryGetValue<string>(out var text) => text,
            { } other => other.ToString(),
            null => string.Empty,
        };
        var room = MaxNoteLength - marker.Length - 1;
        if (note.Length > room)
        {
            note = note[..room];
        }

        body["PrivateNote"] = note.Length == 0 ? marker : $"{note} {marker}";
    }

    /// <summary>
    /// True when the document carries the marker. Anywhere in the note, not only at the end: QBO prepends "Voided" to
    /// the note of a voided document (REFERENCE §3), and a person may add to it.
    /// </summary>
    public static bool Carries(JsonObject document, string fingerprint) =>
        document["PrivateNote"] is JsonValue value && value.TryGetValue<string>(out var note) && note.Contains(Marker(fingerprint), StringComparison.Ordinal);
}
