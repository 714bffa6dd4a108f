using System.Globalization;
using System.Text;
using System.Text.Json;
using AccountingIntegration.Mapping;

namespace AccountingIntegration.Benchmarks;

/// <summary>
/// <c>mapping-cpu [--rounds 9] [--per-round 10000]</c>: the mapping benchmark's order and mapping timed in this process by
/// the thread's CPU time, in alternating rounds of the parse alone (the baseline), parse + cached mapping from the
/// document, and the cached mapping from the UTF-8 body in one pass (bytes, and the stored text as the worker has it).
/// Prints the median round of each as a ratio to the parse, and the bytes each allocates. To compare two builds, run
/// this command from each, alternating; on a shared machine BenchmarkDotNet's wall-clock times mostly measure the load.
/// </summary>
internal static class MappingCpuCommand
{
    public const string Name = "mapping-cpu";

    public static Task<int> RunAsync(string[] args)
    {
        var rounds = Option(args, "--rounds", 9);
        var perRound = Option(args, "--per-round", 10_000);
        var payload = Encoding.UTF8.GetBytes(MappingBenchmarkOrder.Json);
        var text = MappingBenchmarkOrder.Json;
        var mapping = MappingMerger.Merge(MappingBenchmarks.Layers())!;

        Func<int>[] cases =
        [
            () =>
            {
                using var document = JsonDocument.Parse(payload);
                return document.RootElement.GetProperty("line_items").GetArrayLength();
            },
            () =>
            {
                using var document = JsonDocument.Parse(payload);
                return InvoiceDraftBuilder.Build(document.RootElement, mapping).Errors.Count;
            },
            () => InvoiceDraftBuilder.Build(payload, mapping).Errors.Count,
            () => InvoiceDraftBuilder.Build(text, mapping).Errors.Count,
        ];
        string[] names = ["parse only (baseline)", "parse + cached mapping", "one pass from UTF-8", "one pass from the stored text"];

        var sink = 0;
        var times = cases.Select(_ => new List<double>()).ToArray();
        for (var round = -3; round < rounds; round++)
        {
            for (var i = 0; i < cases.Length; i++)
            {
                var start = ThreadCpu.Nanoseconds();
                for (var n = 0; n < perRound; n++)
                {
                    sink += cases[i]();
                }

                // The first rounds warm the JIT's tiers up and are not counted.
                if (round >= 0)
                {
                    times[i].Add((ThreadCpu.Nanoseconds() - start) / 1000.0 / perRound);
                }
            }
        }

        var parse = Median(times[0]);
        Console.WriteLine($"{"case",-32} {"µs (median)",12} {"ratio to parse",15} {"allocated",10}");
        for (var i = 0; i < cases.Length; i++)
        {
            var median = Median(times[i]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{names[i],-32} {median,12:F2} {median / parse,15:F3} {Allocated(cases[i], ref sink),8} B"));
        }

        GC.KeepAlive(sink);
        return Task.FromResult(0);
    }

    private static long Allocated(Func<int> run, ref int sink)
    {
        const int Runs = 1000;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Runs; i++)
        {
            sink += run();
        }

        return (GC.GetAllocatedBytesForCurrentThread() - before) / Runs;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
