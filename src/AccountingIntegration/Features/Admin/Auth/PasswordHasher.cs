using System.Security.Cryptography;
using System.Text;
using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Admin.Auth;

/// <summary>
/// Slow password hashing with BCrypt (SPEC §8). An unknown e-mail is checked against a dummy hash
/// of the same cost, so a login for an unknown account takes as long as one for a known account.
/// </summary>
/// <remarks>
/// BCrypt reads only the first 72 bytes, so two long passphrases sharing them would both open the
/// account. The password is therefore first reduced to base64(SHA-384), 64 ASCII bytes carrying all
/// of it, and the stored hash is marked with <see cref="PrehashedPrefix"/>. Hashes written before
/// the mark verify as they always did and are rewritten the next time their owner logs in.
/// </remarks>
internal sealed class PasswordHasher(AdminOptions options)
{
    public const string PrehashedPrefix = "$sha384$";

    private readonly Lazy<string> _dummyHash = new(() => BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString(), options.BcryptCost));

    public string Hash(string password) => PrehashedPrefix + BCrypt.Net.BCrypt.HashPassword(Prehash(password), options.BcryptCost);

    public bool Verify(string password, string hash)
    {
        try
        {
            return hash.StartsWith(PrehashedPrefix, StringComparison.Ordinal)
                ? BCrypt.Net.BCrypt.Verify(Prehash(password), hash[PrehashedPrefix.Length..])
                : BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    /// <summary>True for a hash from before the pre-hash, to be rewritten once the password is known.</summary>
    public static bool NeedsRehash(string hash) => !hash.StartsWith(PrehashedPrefix, StringComparison.Ordinal);

    /// <summary>Spends the same time as a real check, for accounts that do not exist.</summary>
    public void VerifyAgainstNothing(string password) => BCrypt.Net.BCrypt.Verify(Prehash(password), _dummyHash.Value);

    public IReadOnlyList<string> CheckPolicy(string? password)
    {
        var problems = new List<string>();
        if (password is null || password.Length < options.MinimumPasswordLength)
        {
            problems.Add($"must be at least {options.MinimumPasswordLength} characters");
        }
        else if (password.Length > 256)
        {
            problems.Add("must be at most 256 characters");
        }
        else if (password.Distinct().Count() < 5)
        {
            problems.Add("must use at least 5 different characters");
        }

        return problems;
    }

    // Base64 keeps the digest free of NUL bytes, which BCrypt would treat as the end of the password.
    private static string Prehash(string password) => Convert.ToBase64String(SHA384.HashData(Encoding.UTF8.GetBytes(password)));
}
