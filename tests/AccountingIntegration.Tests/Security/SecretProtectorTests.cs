using System.Security.Cryptography;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Tests.Security;

public sealed class SecretProtectorTests
{
    private const string KeyOne = "first-key-9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    private const string KeyTwo = "second-key-0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    [Fact]
    public void Protect_ThenUnprotect_RoundTripsUnicodeAndLongValues()
    {
        var protector = Protector(KeyOne, "k1");
        var secret = "eyJhbGciOi" + new string('x', 3000) + " Zoë ☕";

        var protectedValue = protector.Protect(secret, "oauth_tokens.access:org-1");

        Assert.StartsWith("v1.k1.", protectedValue, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJhbGciOi", protectedValue, StringComparison.Ordinal);
        Assert.Equal(secret, protector.Unprotect(protectedValue, "oauth_tokens.access:org-1"));
    }

    [Fact]
    public void Protect_SameValueTwice_GivesDifferentCiphertexts()
    {
        var protector = Protector(KeyOne, "k1");

        Assert.NotEqual(protector.Protect("same", "c"), protector.Protect("same", "c"));
    }

    [Fact]
    public void Unprotect_OtherContext_Fails()
    {
        var protector = Protector(KeyOne, "k1");
        var value = protector.Protect("refresh-token", "oauth_tokens.refresh:org-1");

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(value, "oauth_tokens.refresh:org-2"));
    }

    [Fact]
    public void Unprotect_TamperedCiphertext_Fails()
    {
        var protector = Protector(KeyOne, "k1");
        var value = protector.Protect("refresh-token", "c");
        var tampered = value[..^3] + (value[^3] == 'A' ? 'B' : 'A') + value[^2..];

        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(tampered, "c"));
    }

    [Fact]
    public void Unprotect_AfterRotation_OldKeyStillDecryptsAndAsksForReencryption()
    {
        var oldValue = Protector(KeyOne, "k1").Protect("token", "c");
        var rotated = new SecretProtector(new SecurityOptions
        {
            EncryptionKey = KeyTwo,
            EncryptionKeyId = "k2",
            PreviousEncryptionKeys = new Dictionary<string, string> { ["k1"] = KeyOne },
            JwtSecret = "unused",
            OAuthStateSecret = "unused",
        });

        Assert.Equal("token", rotated.Unprotect(oldValue, "c"));
        var newValue = rotated.Protect("token", "c");
        Assert.StartsWith("v1.k2.", newValue, StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_UnknownKeyId_FailsWithoutRevealingKeys()
    {
        var value = Protector(KeyOne, "k1").Protect("token", "c");

        var error = Assert.ThrowsAny<CryptographicException>(() => Protector(KeyTwo, "k2").Unprotect(value, "c"));

        Assert.Contains("'k1'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyOne, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DeriveKey_Base64Of32Bytes_IsUsedAsIs()
    {
        var raw = RandomNumberGenerator.GetBytes(32);

        Assert.Equal(raw, SecretProtector.DeriveKey(Convert.ToBase64String(raw)));
        Assert.Equal(32, SecretProtector.DeriveKey(KeyOne).Length);
    }

    private static SecretProtector Protector(string key, string keyId) => new(new SecurityOptions
    {
        EncryptionKey = key,
        EncryptionKeyId = keyId,
        JwtSecret = "unused",
        OAuthStateSecret = "unused",
    });
}
