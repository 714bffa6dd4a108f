using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace AccountingIntegration.Infrastructure.Security;

/// <summary>
/// Encrypts secrets at rest (QBO tokens, webhook signing secrets) with AES-256-GCM.
/// Ciphertext format: <c>v1.{keyId}.{base64url(nonce ‖ ciphertext ‖ tag)}</c>. The key id lets
/// retired keys keep decrypting while new writes use the current one; the caller's context
/// string is authenticated (not stored), so a ciphertext copied to another row or tenant fails.
/// </summary>
internal sealed class SecretProtector
{
    private const string Version = "v1";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly string _currentKeyId;
    private readonly Dictionary<string, byte[]> _keys;

    public SecretProtector(SecurityOptions options)
    {
        _currentKeyId = options.EncryptionKeyId;
        _keys = options.PreviousEncryptionKeys.ToDictionary(p => p.Key, p => DeriveKey(p.Value), StringComparer.Ordinal);
        _keys[_currentKeyId] = DeriveKey(options.EncryptionKey);
    }

    public string Protect(string plaintext, string context)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_keys[_currentKeyId], TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length), Encoding.UTF8.GetBytes(context));
        return $"{Version}.{_currentKeyId}.{Base64Url.EncodeToString(output)}";
    }

    /// <exception cref="CryptographicException">Tampered, wrong context, or an unknown key id.</exception>
    public string Unprotect(string protectedValue, string context)
    {
        var parts = protectedValue.Split('.');
        if (parts.Length != 3 || parts[0] != Version)
        {
            throw new CryptographicException("The value is not a protected secret of a known version.");
        }

        if (!_keys.TryGetValue(parts[1], out var key))
        {
            throw new CryptographicException($"No key with id '{parts[1]}' is configured (ENCRYPTION_KEY_ID / ENCRYPTION_PREVIOUS_KEYS).");
        }

        var data = Base64Url.DecodeFromChars(parts[2]);
        if (data.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The protected value is truncated.");
        }

        var cipherLength = data.Length - NonceSize - TagSize;
        var plain = new byte[cipherLength];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, cipherLength), data.AsSpan(NonceSize + cipherLength), plain, Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>
    /// A base64 value of exactly 32 bytes is used as the key itself; any other secret of at
    /// least 32 characters is stretched with HKDF-SHA256 into a 256-bit key.
    /// </summary>
    internal static byte[] DeriveKey(string secret)
    {
        var buffer = new byte[48];
        if (Convert.TryFromBase64String(secret, buffer, out var written) && written == 32)
        {
            return buffer[..32];
        }

        return HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32,
            salt: [], info: "accounting-integration/secret-protector/v1"u8.ToArray());
    }
}
