using System.Text.Json;

namespace AccountingIntegration.Mapping.Tests;

/// <summary>
/// Finds the shared webhook fixtures: walks up from the test binaries until a directory holds
/// <c>shared/fixtures/webhooks</c> (the repository's parent holds <c>shared/</c>).
/// </summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Directory = new(Locate);

    public static string WebhooksDirectory => Directory.Value;

    public static JsonElement Load(string relativePath)
    {
        var path = Path.Combine(WebhooksDirectory, relativePath);
        Assert.True(File.Exists(path), $"fixture {relativePath} not found at {path}");
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "fixtures", "webhooks");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException(
            $"No directory 'shared/fixtures/webhooks' found above {AppContext.BaseDirectory}. " +
            "The webhook fixtures live in the 'shared' directory beside the repository checkout.");
    }
}
