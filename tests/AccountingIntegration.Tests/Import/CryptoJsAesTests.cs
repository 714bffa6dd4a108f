using System.Security.Cryptography;
using AccountingIntegration.Features.Import;
using AccountingIntegration.Tests.TestSupport;

namespace AccountingIntegration.Tests.Import;

/// <summary>The old service's CryptoJS AES values, made by crypto-js itself, decrypt to what was encrypted.</summary>
public sealed class CryptoJsAesTests
{
    private const string Passphrase = "the-old-node-service-passphrase";

    [Fact]
    public async Task Decrypt_ValuesEncryptedByCryptoJs_GivesThePlaintext()
    {
        string[] plaintexts =
        [
            "",
            "a",
            "exactly16bytes!!",
            "AB11" + new string('x', 990) + "refresh",
            "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl",
            "whsec_ünïcødé ✓ 密钥",
        ];

        var encrypted = await CryptoJs.EncryptAsync(Passphrase, plaintexts);

        Assert.All(encrypted, e => Assert.True(CryptoJsAes.LooksEncrypted(e)));
        Assert.Equal(plaintexts, encrypted.Select(e => CryptoJsAes.Decrypt(e, Passphrase)));
    }

    [Fact]
    public async Task Decrypt_WrongPassphrase_Throws()
    {
        // Long enough that a lucky padding byte cannot leave valid UTF-8 behind.
        var encrypted = (await CryptoJs.EncryptAsync(Passphrase, new string('t', 1000)))[0];

        Assert.Throws<CryptographicException>(() => CryptoJsAes.Decrypt(encrypted, Passphrase + "-wrong"));
    }

    [Fact]
    public void Decrypt_NotTheSaltedFormat_Throws()
    {
        Assert.False(CryptoJsAes.LooksEncrypted("plain-token"));
        Assert.Throws<CryptographicException>(() => CryptoJsAes.Decrypt("plain-token", Passphrase));
        Assert.Throws<CryptographicException>(() => CryptoJsAes.Decrypt(Convert.ToBase64String("Salted__1234567"u8), Passphrase));
    }
}
