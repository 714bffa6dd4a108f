using System.Diagnostics;
using System.Runtime;
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
            return GCSettings.IsServerGC ? await IngestCommand.RunAsync(args[1..]) : await RunWithServerGcAsync(args);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }

    /// <summary>
    /// The service runs with the server GC (the Web SDK's default) and the load mode must measure it that way; this
    /// program keeps the workstation GC so that BenchmarkDotNet's runs, which inherit it, stay as recorded. So the
    /// load mode starts itself again with DOTNET_gcServer=1.
    /// </summary>
    private static async Task<int> RunWithServerGcAsync(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            start.ArgumentList.Add(typeof(BenchmarkProgram).Assembly.Location);
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_gcServer"] = "1";
        using var child = Process.Start(start)!;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
