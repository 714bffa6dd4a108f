using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace QboSandbox.Tests.Support;

/// <summary>
/// Runs the scripts of tests/fixtures/qbo-clients, which drive intuit-oauth (Intuit's OAuth client) and node-quickbooks
/// (versions pinned by its package-lock.json, installed by CI with <c>npm ci</c>) against a sandbox, and returns the JSON
/// they print.
/// Node or the packages missing fails the test with what to do: CI installs both, so a skip would hide a broken check.
/// The first use runs <c>npm ci</c> when node_modules is missing, as the import tests' CryptoJS fixture does.
/// </summary>
internal static class NodeClients
{
    private static readonly SemaphoreSlim Install = new(1, 1);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs <paramref name="script"/> against the sandbox at <paramref name="baseUrl"/> and returns its JSON result.</summary>
    public static async Task<JsonObject> RunAsync(string script, Uri baseUrl)
    {
        var folder = Folder();
        await EnsureInstalledAsync(folder);
        var (exitCode, output, error) = await RunProcessAsync(folder, "node", [script, baseUrl.ToString()], ScriptTimeout);
        JsonObject? result = null;
        try
        {
            result = JsonNode.Parse(output)?.AsObject();
        }
        catch (System.Text.Json.JsonException)
        {
            // Reported below with the raw output.
        }

        Assert.True(exitCode == 0 && result is not null, $"node {script} failed (exit {exitCode}).\nstdout: {output}\nstderr: {error}");
        return result!;
    }

    private static async Task EnsureInstalledAsync(string folder)
    {
        await Install.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "intuit-oauth")) ||
                !Directory.Exists(Path.Combine(folder, "node_modules", "node-quickbooks")))
            {
                var (exitCode, _, error) = await RunProcessAsync(folder, "npm", ["ci", "--no-audit", "--no-fund"], TimeSpan.FromMinutes(5));
                Assert.True(exitCode == 0, $"npm ci in {folder} failed; the client compatibility tests need intuit-oauth and node-quickbooks: {error}");
            }
        }
        finally
        {
            Install.Release();
        }
    }

    private static string Folder()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "fixtures", "qbo-clients");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/qbo-clients was not found above the test binaries.");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunProcessAsync(string folder, string program, string[] args, TimeSpan timeout)
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
            Assert.Fail($"'{program}' could not be started ({e.Message}). Node.js and npm must be on PATH for the client compatibility tests; .ci/run installs them.");
            throw;
        }

        using (process)
        {
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
}
