using System.Globalization;

namespace AccountingIntegration.Benchmarks.Ingest;

/// <summary>The ingest command's options; defaults keep the whole run to about six minutes on two cores.</summary>
internal sealed record IngestOptions
{
    public static readonly IReadOnlyList<string> AllEndpoints = ["empty", "naive", "service"];

    /// <summary>The measured window of one round.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Unmeasured load at the start of every round (new connections, the previous endpoint's load gone).</summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Rounds per endpoint and concurrency; the endpoints alternate within each round.</summary>
    public int Rounds { get; init; } = 3;

    /// <summary>Unrecorded load per endpoint once before all rounds, so that JIT tiering has settled.</summary>
    public TimeSpan Preheat { get; init; } = TimeSpan.FromSeconds(3);

    public IReadOnlyList<int> Concurrency { get; init; } = [1, 16, 64];

    public IReadOnlyList<BenchDatabaseKind> Databases { get; init; } = [BenchDatabaseKind.Sqlite, BenchDatabaseKind.MySql];

    /// <summary>Which of empty, naive and service to measure (all by default; a subset is for profiling one of them).</summary>
    public IReadOnlyList<string> Endpoints { get; init; } = AllEndpoints;

    /// <summary>Calls per step of the in-process timing breakdown; 0 skips it.</summary>
    public int BreakdownIterations { get; init; } = 2000;

    public bool EndToEnd { get; init; } = true;

    public int E2eWebhooks { get; init; } = 200;

    public int E2eConcurrency { get; init; } = 16;

    public int E2eWorkers { get; init; } = 4;

    /// <summary>Webhooks per second of the paced end-to-end load (0 skips it), and for how long.</summary>
    public int E2ePacedRate { get; init; } = 5;

    public int E2ePacedSeconds { get; init; } = 10;

    public TimeSpan E2eTimeout { get; init; } = TimeSpan.FromSeconds(120);

    public string? Output { get; init; }

    public static IngestOptions Parse(string[] args)
    {
        var options = new IngestOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--no-e2e")
            {
                options = options with { EndToEnd = false };
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new FormatException($"{name} needs a value.");
            }

            var value = args[++i];
            options = name switch
            {
                "--seconds" => options with { Duration = TimeSpan.FromSeconds(Number(name, value, 1, 120)) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(Number(name, value, 0, 60)) },
                "--rounds" => options with { Rounds = Number(name, value, 1, 20) },
                "--preheat" => options with { Preheat = TimeSpan.FromSeconds(Number(name, value, 0, 60)) },
                "--concurrency" => options with { Concurrency = value.Split(',').Select(v => Number(name, v, 1, 512)).ToList() },
                "--databases" => options with { Databases = value.Split(',').Select(Database).Distinct().ToList() },
                "--endpoints" => options with { Endpoints = value.Split(',').Select(Endpoint).Distinct().ToList() },
                "--breakdown-iterations" => options with { BreakdownIterations = Number(name, value, 0, 100_000) },
                "--e2e-webhooks" => options with { E2eWebhooks = Number(name, value, 1, 10_000) },
                "--e2e-concurrency" => options with { E2eConcurrency = Number(name, value, 1, 512) },
                "--e2e-workers" => options with { E2eWorkers = Number(name, value, 1, 256) },
                "--e2e-paced-rate" => options with { E2ePacedRate = Number(name, value, 0, 1000) },
                "--e2e-paced-seconds" => options with { E2ePacedSeconds = Number(name, value, 1, 120) },
                "--e2e-timeout" => options with { E2eTimeout = TimeSpan.FromSeconds(Number(name, value, 5, 600)) },
                "--output" => options with { Output = Path.GetFullPath(value) },
                _ => throw new FormatException($"Unknown option {name}."),
            };
        }

        return options;
    }

    private static int Number(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new FormatException($"{name}: '{value}' is not a whole number in {min}..{max}.");

    private static string Endpoint(string value) => AllEndpoints.Contains(value.Trim())
        ? value.Trim()
        : throw new FormatException($"--endpoints: '{value}' is not one of {string.Join(", ", AllEndpoints)}.");

    private static BenchDatabaseKind Database(string value) => value.Trim().ToLowerInvariant() switch
    {
        "sqlite" => BenchDatabaseKind.Sqlite,
        "mysql" or "mariadb" => BenchDatabaseKind.MySql,
        _ => throw new FormatException($"--databases: '{value}' is neither sqlite nor mysql."),
    };
}
