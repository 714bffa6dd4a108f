using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace AccountingIntegration.Features.OperatorConsole;

/// <summary>
/// The console's CSS, script and vendored chart library, compiled into the assembly and served from
/// memory: no CDN, nothing fetched at run time, and the same files in tests, `dotnet run` and the image.
/// </summary>
internal static class ConsoleAssets
{
    public const string Prefix = ConsoleSession.PathPrefix + "/assets";
    private const string ResourcePrefix = "AccountingIntegration.Features.OperatorConsole.Assets.";

    private static readonly FrozenDictionary<string, Asset> Files = Load();

    public static void MapConsoleAssets(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapMethods(Prefix + "/{file}", [HttpMethods.Get, HttpMethods.Head], Serve).AllowAnonymous().ExcludeFromDescription();

    /// <summary>The asset's URL with its content hash, so a new build is never served from a stale cache.</summary>
    public static string Url(string file) => $"{Prefix}/{file}?v={Files[file].ETag.Trim('"')[..12]}";

    private static IResult Serve(string file, HttpContext http)
    {
        if (!Files.TryGetValue(file, out var asset))
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = http.Request.Query.ContainsKey("v") ? "public, max-age=31536000, immutable" : "no-cache";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return http.Request.Headers.IfNoneMatch == asset.ETag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(asset.Content, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var files = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var file = name[ResourcePrefix.Length..];
            files[file] = new Asset(content, ContentType(file), $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
