using System.Text.RegularExpressions;
using AccountingIntegration.Features.Tiers;
using Microsoft.Extensions.Configuration;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// The settings as the deployment files state them and as the service's code reads them: the variables of
/// .env.example, the variables docker-compose.yml sets or substitutes, and the names the sources pass to the
/// settings readers. Plain text parsing on purpose: both files are ours and kept in a simple shape.
/// </summary>
internal static partial class DeploymentSettings
{
    /// <summary>The section of .env.example that docker compose reads and the service does not.</summary>
    public const string ComposeOnlyMarker = "# --- Docker Compose only";

    /// <summary>.env.example's variables, each with its value, in order; commented-out examples are marked.</summary>
    public static IReadOnlyList<(string Name, string Value, bool ComposeOnly, bool Commented)> EnvExample()
    {
        var variables = new List<(string, string, bool, bool)>();
        var composeOnly = false;
        foreach (var line in RepositoryFiles.Read(".env.example").Split('\n'))
        {
            composeOnly |= line.StartsWith(ComposeOnlyMarker, StringComparison.Ordinal);
            if (EnvLine().Match(line) is { Success: true } match)
            {
                variables.Add((match.Groups["name"].Value, match.Groups["value"].Value.Trim(), composeOnly, line.StartsWith('#')));
            }
        }

        return variables;
    }

    /// <summary>Every upper-case key docker-compose.yml sets (environment entries of any service).</summary>
    public static IReadOnlySet<string> ComposeKeys() =>
        ComposeKey().Matches(RepositoryFiles.Read("docker-compose.yml")).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every variable docker-compose.yml substitutes from .env (<c>${NAME}</c>, <c>${NAME:?message}</c>).</summary>
    public static IReadOnlySet<string> ComposeSubstitutions() =>
        Substitution().Matches(RepositoryFiles.Read("docker-compose.yml")).Select(m => m.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>One service's <c>environment</c> entries as compose sets them (the shared <c>x-service</c> block).</summary>
    public static IReadOnlyDictionary<string, string> ComposeServiceEnvironment()
    {
        var text = RepositoryFiles.Read("docker-compose.yml");
        var block = ServiceEnvironmentBlock().Match(text);
        Assert.True(block.Success, "docker-compose.yml has no x-service environment block");
        return ComposeKey().Matches(block.Groups["body"].Value)
            .ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value.Trim().Trim('"'), StringComparer.Ordinal);
    }

    /// <summary>The names the service's sources read as settings, the plan tier cells expanded per tier.</summary>
    public static IReadOnlySet<string> ReadByTheService()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var tiers = PlanTierOptions.Bind(new ConfigurationBuilder().Build(), []).Tiers.Select(t => t.Name.ToUpperInvariant()).ToList();
        var sources = Directory.EnumerateFiles(RepositoryFiles.PathOf("src/AccountingIntegration"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var text in sources.Select(File.ReadAllText))
        {
            names.UnionWith(SettingRead().Matches(text).Select(m => m.Groups["name"].Value));
            names.UnionWith(PlanCellRead().Matches(text).SelectMany(m => tiers.Select(t => $"PLAN_{t}_{m.Groups["name"].Value}")));
        }

        return names;
    }

    [GeneratedRegex(@"^#?\s*(?<name>[A-Z][A-Z0-9_]+)=(?<value>.*)$")]
    private static partial Regex EnvLine();

    [GeneratedRegex(@"^\s+(?<name>[A-Z][A-Z0-9_]+):(?<value>.*)$", RegexOptions.Multiline)]
    private static partial Regex ComposeKey();

    [GeneratedRegex(@"\$\{(?<name>[A-Z][A-Z0-9_]+)(:?[-?][^}]*)?\}")]
    private static partial Regex Substitution();

    [GeneratedRegex(@"^x-service:[\s\S]*?\n  environment:\n(?<body>(?:    .*\n)+)", RegexOptions.Multiline)]
    private static partial Regex ServiceEnvironmentBlock();

    // Settings.Text(configuration, "NAME"), Url(configuration, "NAME", …), configuration["NAME"], GetEnvironmentVariable("NAME").
    [GeneratedRegex(@"(?:[Cc]onfiguration,\s*""(?<name>[A-Z][A-Z0-9_]+)""|[Cc]onfiguration\[\s*""(?<name>[A-Z][A-Z0-9_]+)""\s*\]|GetEnvironmentVariable\(""(?<name>[A-Z][A-Z0-9_]+)""\))")]
    private static partial Regex SettingRead();

    [GeneratedRegex(@"[Cc]onfiguration,\s*prefix\s*\+\s*""(?<name>[A-Z][A-Z0-9_]+)""")]
    private static partial Regex PlanCellRead();
}
