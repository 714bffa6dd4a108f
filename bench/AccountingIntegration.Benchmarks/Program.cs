using AccountingIntegration.Benchmarks.Backlog;
using AccountingIntegration.Benchmarks.Batches;
using AccountingIntegration.Benchmarks.Ingest;
using AccountingIntegration.Benchmarks.Sandbox;
using BenchmarkDotNet.Running;

namespace AccountingIntegration.Benchmarks;

/// <summary>
/// <c>ingest [options]</c> runs the webhook load benchmark, <c>mapping-cpu</c> the mapping engine by thread CPU time, <c>backlog</c> a million-payload SQLite backlog, <c>batches</c>
/// documents a minute into one QBO company and <c>sandbox</c>
/// the QBO sandbox's own request rate
/// (see bench/README.md); anything else goes to
/// BenchmarkDotNet's switcher (<c>--filter '*Mapping*'</c>, <c>--list flat</c>).
/// Not a top-level program: the service's global <c>Program</c> (its <c>BuildApp</c>) must stay visible here.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == SandboxLoadCommand.Name)
        {
            return await SandboxLoadCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == BatchesCommand.Name)
        {
            return await BatchesCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == BacklogCommand.Name)
        {
            return await BacklogCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == BaselinesCommand.Name)
        {
            return await BaselinesCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == MappingCpuCommand.Name)
        {
            return await MappingCpuCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == IngestCommand.Name)
        {
            return await IngestCommand.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
