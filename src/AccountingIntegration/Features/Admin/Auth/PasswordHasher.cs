using AccountingIntegration.Infrastructure.Security;

namespace AccountingIntegration.Features.Admin.Auth;

/// <summary>
/// Slow password hashing with BCrypt (SPEC §8). An unknown e-mail is checked against a dummy hash
/// of the same cost, so a login for an unknown account takes as long as one for a known account.
/// </summary>
internal sealed class PasswordHasher(AdminOptions options)
{
    private readonly Lazy<string> _dummyHash = new(() => BCrypt.Net.BCrypt.HashPassword(Guid.NewGuid().ToString(), options.BcryptCost));

    public string Hash(string password) => BCrypt.Net.BCrypt.HashPassword(password, options.BcryptCost);

    public bool Verify(string password, string hash)
    {
        try
        {
            return BCrypt.Net.BCrypt.Verify(password, hash);
        }
        catch (BCrypt.Net.SaltParseException)
        {
            return false;
        }
    }

    /// <summary>Spends the same time as a real check, for accounts that do not exist.</summary>
    public void VerifyAgainstNothing(string password) => BCrypt.Net.BCrypt.Verify(password, _dummyHash.Value);

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
}
