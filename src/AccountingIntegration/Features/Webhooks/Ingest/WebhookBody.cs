using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using AccountingIntegration.Infrastructure.Errors;

namespace AccountingIntegration.Features.Webhooks.Ingest;

/// <summary>
/// Reads a webhook body within the size limit and checks it is JSON within the nesting limit,
/// keeping the exact bytes: signatures are computed over them, and they are stored as received.
/// </summary>
internal static class WebhookBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType))
        {
            throw IngestErrors.UnsupportedMediaType();
        }

        if (request.ContentLength > maxBytes)
        {
            throw IngestErrors.TooLarge(maxBytes);
        }

        if (request.ContentLength is > 0 and var declared)
        {
            return await ReadDeclaredAsync(request.Body, (int)declared, cancellationToken);
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        while (true)
        {
            var memory = buffer.GetMemory(8192);
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenSpan.ToArray();
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > maxBytes)
            {
                throw IngestErrors.TooLarge(maxBytes);
            }
        }
    }

    /// <summary>
    /// A body of a declared length, read straight into an array of that size: no growing buffer and no copy at the end.
    /// The server ends the body at the declared length; a shorter one is an aborted request.
    /// </summary>
    private static async Task<byte[]> ReadDeclaredAsync(Stream body, int length, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        await body.ReadExactlyAsync(bytes, cancellationToken);
        return bytes;
    }

    /// <summary>Parses once to check shape and depth; the document is returned for dedupe-key and event-type lookups.</summary>
    public static JsonDocument Parse(byte[] body, int maxDepth)
    {
        RequireUtf8(body);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException e)
        {
            throw Refusal(e, maxDepth);
        }

        if (document.RootElement.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            document.Dispose();
            throw IngestErrors.NotAnObject();
        }

        return document;
    }

    /// <summary>
    /// The checks of <see cref="Parse"/>, with the same refusals, in one pass of a reader that builds nothing: for a
    /// delivery whose headers already say what the ingest reads from a body. The reader is the one the document is
    /// built with, so the same bytes fail at the same place.
    /// </summary>
    public static void Validate(byte[] body, int maxDepth)
    {
        RequireUtf8(body);
        JsonTokenType root;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = maxDepth });
            reader.Read();
            root = reader.TokenType;
            // A document reads to the end before its root is looked at: bad JSON after a bad root is refused as bad JSON.
            while (reader.Read())
            {
            }
        }
        catch (JsonException e)
        {
            throw Refusal(e, maxDepth);
        }

        if (root is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
        {
            throw IngestErrors.NotAnObject();
        }
    }

    /// <summary>
    /// Stored as text, bytes that are not UTF-8 would become replacement characters: the stored payload would no longer
    /// be what was signed, so it is refused rather than altered.
    /// </summary>
    private static void RequireUtf8(byte[] body)
    {
        if (!Utf8.IsValid(body))
        {
            throw IngestErrors.NotUtf8();
        }
    }

    private static ApiException Refusal(JsonException e, int maxDepth) =>
        e.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
            ? IngestErrors.TooDeep(maxDepth)
            // The reader's position tells the sender where; its message holds no payload data.
            : IngestErrors.InvalidJson($"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");

    internal static bool IsJson(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return false;
        }

        var type = media.MediaType.Value ?? string.Empty;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }
}
