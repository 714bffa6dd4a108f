using System.Globalization;
using System.Text.RegularExpressions;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>One sample of a scrape: <c>name{label="value",…} 12</c>.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

/// <summary>The Prometheus text format as a scraper reads it: comment lines skipped, every sample with its labels.</summary>
internal static partial class PrometheusText
{
    public static async Task<IReadOnlyList<PrometheusSample>> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return Parse(await response.Content.ReadAsStringAsync());
    }

    public static IReadOnlyList<PrometheusSample> Parse(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(ParseLine)];

    /// <summary>The value of the one sample with this name and at least these labels; 0 when there is none.</summary>
    public static double Value(this IReadOnlyList<PrometheusSample> samples, string name, params (string Label, string Value)[] labels)
    {
        var matching = samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value)).ToList();
        Assert.True(matching.Count <= 1, $"{matching.Count} samples of {name} match; name every label that tells them apart.");
        return matching.Count == 0 ? 0 : matching[0].Value;
    }

    private static PrometheusSample ParseLine(string line)
    {
        var match = Sample().Match(line);
        Assert.True(match.Success, $"Not a sample line: {line}");
        var labels = Label().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups[1].Value, m => Regex.Unescape(m.Groups[2].Value), StringComparer.Ordinal);
        var text = match.Groups["value"].Value;
        var value = text switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new PrometheusSample(match.Groups["name"].Value, labels, value);
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$""")]
    private static partial Regex Sample();

    [GeneratedRegex(""""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"""")]
    private static partial Regex Label();
}
