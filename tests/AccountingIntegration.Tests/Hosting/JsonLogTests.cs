using System.Text.Json;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Hosting;

/// <summary>Outside Development the service writes one JSON object per line, for log shippers; their timestamps must parse.</summary>
public sealed class JsonLogTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ai-jsonlog-");

    [Fact]
    public async Task JsonLogLines_CarryAnIso8601UtcTimestamp_WithoutTrailingSpace()
    {
        var outcome = await ServiceProcess.RunAsync(new Dictionary<string, string>
        {
            ["DATABASE_URL"] = $"sqlite:///{_folder.FullName}/service.db",
            ["LOG_LEVEL"] = "Information",
        }, ["migrate"]);

        Assert.True(outcome.ExitCode == 0, outcome.StandardError);
        var lines = outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith('{')).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line);
            var timestamp = entry.RootElement.GetProperty("Timestamp").GetString()!;
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", timestamp);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
