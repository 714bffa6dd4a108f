using System.Globalization;
using AccountingIntegration.Benchmarks.Ingest;

namespace AccountingIntegration.Benchmarks.Batches;

/// <summary>Options of <c>batches</c>: <c>--db sqlite|mariadb --instances 1 --rate 30 --seconds 300 --workers 32 --faults --new-buyers --backlog 0 --timeout 600</c>.</summary>
internal sealed record BatchesOptions
{
    public BenchDatabaseKind Database { get; init; } = BenchDatabaseKind.Sqlite;

    /// <summary>Service instances on the one database, each receiving its share of the webhooks.</summary>
    public int Instances { get; init; } = 1;

    /// <summary>Orders sent per second, open loop (30/s is 1,800 a minute, above the goal of 1,500).</summary>
    public int Rate { get; init; } = 30;

    public int Seconds { get; init; } = 300;

    public int Workers { get; init; } = 32;

    /// <summary>The fault mix: 20 % 5xx, 10 % 429, 5 % answers lost after commit with the requestid forgotten.</summary>
    public bool Faults { get; init; }

    /// <summary>Every order from a buyer the company has never seen, so each costs a customer create (and, without the directory, its look-ups).</summary>
    public bool NewBuyers { get; init; }

    /// <summary>Orders written into the queue at once instead of sent at a rate; the drain is then timed over <see cref="Seconds"/>.</summary>
    public int Backlog { get; init; }

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(600);

    public static BatchesOptions Parse(string[] args)
    {
        var options = new BatchesOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name == "--faults")
            {
                options = options with { Faults = true };
                continue;
            }

            if (name == "--new-buyers")
            {
                options = options with { NewBuyers = true };
                continue;
            }

            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options = name switch
            {
                "--db" => options with
                {
                    Database = value switch
                    {
                        "sqlite" => BenchDatabaseKind.Sqlite,
                        "mariadb" => BenchDatabaseKind.MySql,
                        _ => throw new ArgumentException("--db is sqlite or mariadb."),
                    },
                },
                "--instances" => options with { Instances = Number(name, value, 1, 8) },
                "--rate" => options with { Rate = Number(name, value, 1, 500) },
                "--seconds" => options with { Seconds = Number(name, value, 5, 3600) },
                "--workers" => options with { Workers = Number(name, value, 1, 256) },
                "--backlog" => options with { Backlog = Number(name, value, 0, 5_000_000) },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(Number(name, value, 10, 3600)) },
                _ => throw new ArgumentException($"Unknown option {name}."),
            };
        }

        return options;
    }

    private static int Number(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}.");
}
