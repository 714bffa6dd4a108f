using System.Diagnostics;
using System.Text.Json;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// Ciphertexts made by the crypto-js npm package itself (tests/fixtures/cryptojs, its version pinned by package-lock.json),
/// as the old Node service made them, so the import's decryption is checked against the real thing, not a copy of it.
/// The first use installs the package with <c>npm ci</c> when node_modules is missing.
/// </summary>
internal static class CryptoJs
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static async Task<string[]> EncryptAsync(string passphrase, params string[] values)
    {
        var folder = Folder();
        await EnsureInstalledAsync(folder);
        var input = JsonSerializer.Serialize(new { passphrase, values });
        var (exitCode, output, error) = await RunAsync(folder, "node", ["encrypt.js"], input);
        Assert.True(exitCode == 0, $"node encrypt.js failed: {error}");
        return JsonSerializer.Deserialize<string[]>(output)!;
    }

    private static async Task EnsureInstalledAsync(string folder)
    {
        await Install.WaitAsync();
        try
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "crypto-js")))
            {
                var (exitCode, _, error) = await RunAsync(folder, "npm", ["ci", "--no-audit", "--no-fund"], null);
                Assert.True(exitCode == 0, $"npm ci in {folder} failed: {error}");
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
            var candidate = Path.Combine(directory.FullName, "tests", "fixtures", "cryptojs");
            if (File.Exists(Path.Combine(candidate, "package-lock.json")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/cryptojs was not found above the test binaries.");
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string folder, string program, string[] args, string? input)
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

        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await error);
    }
}
