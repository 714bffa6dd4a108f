using AccountingIntegration.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;

namespace AccountingIntegration.Tests.Hosting;

/// <summary>
/// Settings come from the environment: no configuration file is watched, because watching one means a recursive file
/// watcher over the content root, where a `dotnet run` keeps the SQLite database, woken by every write.
/// </summary>
public sealed class ConfigurationWatchTests
{
    [Fact]
    public async Task NoConfigurationFileIsReloadedOnChange()
    {
        await using var app = Program.BuildApp(TestService.ToArgs(TestService.DefaultSettings));

        var root = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        var files = root.Providers.OfType<JsonConfigurationProvider>().ToList();

        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(f.Source.ReloadOnChange, $"{f.Source.Path} is watched"));
    }
}
