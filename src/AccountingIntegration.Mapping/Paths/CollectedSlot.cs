using System.Text;
using System.Text.Json;

namespace AccountingIntegration.Mapping;

/// <summary>
/// One collected value. A string is kept as where its text is in the payload and decoded only when a rule reads it: a
/// <c>coalesce</c> alternative is collected with the rest, but only read when the value before it is empty.
/// </summary>
internal struct CollectedSlot
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private MappingValue _value;
    private int _textStart;
    private int _textLength;
    private bool _escaped;

    /// <summary>A value already made (a number, true, false, null, an object or array read whole).</summary>
    public static CollectedSlot Of(MappingValue value) => new() { _value = value, _textStart = -1 };

    /// <summary>A string token, quotes included, at <paramref name="start"/> of the payload; <paramref name="escaped"/> when it holds a backslash escape.</summary>
    public static CollectedSlot Text(int start, int length, bool escaped) => new() { _textStart = start, _textLength = length, _escaped = escaped };

    /// <summary>The value, decoding a string the first time it is read; default (missing) when nothing was collected.</summary>
    public MappingValue Read(ReadOnlySpan<byte> utf8Json)
    {
        if (_textStart >= 0 && _textLength > 0)
        {
            _value = MappingValue.FromString(Decode(utf8Json.Slice(_textStart, _textLength), _escaped));
            _textStart = -1;
        }

        return _value;
    }

    private static string Decode(ReadOnlySpan<byte> token, bool escaped)
    {
        if (!escaped)
        {
            try
            {
                return StrictUtf8.GetString(token[1..^1]);
            }
            catch (DecoderFallbackException)
            {
                // Invalid UTF-8: the reader below fails on it the way the document's GetString does.
            }
        }

        // A reader over the token alone decodes escapes, and rejects what the document's GetString rejects.
        var reader = new Utf8JsonReader(token);
        reader.Read();
        return reader.GetString()!;
    }
}
