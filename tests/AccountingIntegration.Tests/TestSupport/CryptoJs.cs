using System.Text.Json;
using TestShared;

namespace AccountingIntegration.Tests.TestSupport;

/// <summary>
/// Ciphertexts made by the crypto-js npm package itself (tests/fixtures/cryptojs, its version pinned by package-lock.json),
/// as the old Node service made them, so the import's decryption is checked against the real thing, not a copy of it.
/// </summary>
internal static class CryptoJs
{
    public static async Task<string[]> EncryptAsync(string passphrase, params string[] values)
    {
        var folder = await NodeFixture.ReadyAsync("cryptojs", "crypto-js");
        var input = JsonSerializer.Serialize(new { passphrase, values });
        var (exitCode, output, error) = await NodeFixture.RunAsync(folder, "node", ["encrypt.js"], input, TimeSpan.FromMinutes(2));
        Assert.True(exitCode == 0, $"node encrypt.js failed: {error}");
        return JsonSerializer.Deserialize<string[]>(output)!;
    }
}
