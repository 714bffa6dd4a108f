using System.Text.Json;

namespace AccountingIntegration.Books.Tests.Support;

/// <summary>The vendors' published webhook bodies in shared/fixtures/webhooks, beside the repository (SOURCES.md says where each comes from).</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path(string relative) => System.IO.Path.Combine(Root.Value, relative);

    /// <summary>The fixture parsed; dispose it when the test ends.</summary>
    public static JsonDocument Load(string relative) => JsonDocument.Parse(File.ReadAllBytes(Path(relative)));

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = System.IO.Path.Combine(directory.FullName, "shared", "fixtures", "webhooks");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("shared/fixtures/webhooks was not found beside the repository.");
    }
}
