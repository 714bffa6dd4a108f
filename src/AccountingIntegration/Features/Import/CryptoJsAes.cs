using System.Security.Cryptography;
using System.Text;

namespace AccountingIntegration.Features.Import;

/// <summary>
/// Decrypts what the old Node service stored with <c>CryptoJS.AES.encrypt(text, passphrase).toString()</c>: the
/// OpenSSL passphrase format, base64 of <c>"Salted__"</c> ‖ 8-byte salt ‖ AES-256-CBC ciphertext (PKCS#7), with key
/// and IV from EVP_BytesToKey (MD5, one iteration). MD5 and a single iteration are CryptoJS's choices, not ours:
/// this class only reads the old values once, and they are re-encrypted at once under the service's own keys.
/// </summary>
internal static class CryptoJsAes
{
    private static readonly byte[] Magic = "Salted__"u8.ToArray();
    private const int SaltSize = 8;
    private const int KeySize = 32;
    private const int IvSize = 16;

    /// <summary>True when the text has the passphrase format's shape (base64 that opens with "Salted__").</summary>
    public static bool LooksEncrypted(string value) => value.StartsWith("U2FsdGVkX1", StringComparison.Ordinal);

    /// <exception cref="CryptographicException">Not in the format, or the passphrase is wrong (bad padding or not UTF-8).</exception>
    public static string Decrypt(string encrypted, string passphrase)
    {
        byte[] data;
        try
        {
            data = Convert.FromBase64String(encrypted);
        }
        catch (FormatException)
        {
            throw new CryptographicException("The value is not base64.");
        }

        if (data.Length < Magic.Length + SaltSize + IvSize || !data.AsSpan(0, Magic.Length).SequenceEqual(Magic)
            || (data.Length - Magic.Length - SaltSize) % IvSize != 0)
        {
            throw new CryptographicException("The value is not in CryptoJS's passphrase format (Salted__ header).");
        }

        var salt = data.AsSpan(Magic.Length, SaltSize);
        var (key, iv) = BytesToKey(Encoding.UTF8.GetBytes(passphrase), salt);
        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(data.AsSpan(Magic.Length + SaltSize), iv, PaddingMode.PKCS7);
        try
        {
            // A wrong passphrase passes the padding check about once in 256 tries; its output is then noise,
            // which strict UTF-8 decoding refuses.
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(plain);
        }
        catch (DecoderFallbackException)
        {
            throw new CryptographicException("The decrypted value is not UTF-8 text; the passphrase is probably wrong.");
        }
    }

    /// <summary>OpenSSL's EVP_BytesToKey with MD5 and one iteration: D₁ = MD5(pass ‖ salt), Dᵢ = MD5(Dᵢ₋₁ ‖ pass ‖ salt).</summary>
    private static (byte[] Key, byte[] Iv) BytesToKey(byte[] passphrase, ReadOnlySpan<byte> salt)
    {
        var derived = new List<byte>(KeySize + IvSize + MD5.HashSizeInBytes);
        byte[] block = [];
        while (derived.Count < KeySize + IvSize)
        {
            block = MD5.HashData([.. block, .. passphrase, .. salt]);
            derived.AddRange(block);
        }

        return ([.. derived.GetRange(0, KeySize)], [.. derived.GetRange(KeySize, IvSize)]);
    }
}
