using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;

namespace TestShared;

/// <summary>
/// The npm projects under tests/fixtures, whose packages (pinned by each one's package-lock.json) the tests run for real
/// with Node: CI installs them with <c>npm ci</c>, and the first use installs a folder's when its node_modules lacks them.
/// Node or a package missing fails the test with what to do: a skip would hide a broken check. Compiled into each test
/// project that runs one.
/// </summary>
internal static class NodeFixture
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Installs = new(StringComparer.Ordinal);

    /// <summary>The folder tests/fixtures/<paramref name="name"/>, with <paramref name="packages"/> installed.</summary>
    public static async Task<string> ReadyAsync(string name, params string[] packages)
    {
        var folder = Folder(name);
        var install = Installs.GetOrAdd(folder, _ => new SemaphoreSlim(1, 1));
        await install.WaitAsync();
        try
        {
            if (!packages.All(package => Directory.Exists(Path.Combine(folder, "node_modules", package))))
            {
                var (exitCode, _, error) = await RunAsync(folder, "npm", ["ci", "--no-audit", "--no-fund"], null, TimeSpan.FromMinutes(5));
                Assert.True(exitCode == 0, $"npm ci in {folder} failed; the tests need {string.Join(" and ", packages)}: {error}");
            }
        }
        finally
        {
            install.Release();
        }

        return folder;
    }

    /// <summary>Runs <paramref name="program"/> in <paramref name="folder"/>, with <paramref name="input"/> on its standard input.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string folder, string program, IReadOnlyList<string> args, string? input,
        TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            Assert.Fail($"'{program}' could not be started ({e.Message}). Node.js and npm must be on PATH for these tests; .ci/run installs them.");
            throw;
        }

        using (process)
        {
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
            }

            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{program} {string.Join(' ', args)} did not finish within {timeout}.\nstdout: {await output}\nstderr: {await error}");
            }

            return (process.ExitCode, await output, await error);
        }
    }

    private static string Folder(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "fixtures", name);
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"tests/fixtures/{name} was not found above the test binaries.");
    }
}
