using System.Security.Cryptography;

namespace QboSandbox.OAuth;

/// <summary>Random opaque values for codes and tokens; unguessable, URL-safe.</summary>
internal static class TokenValues
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string Random(int length) => RandomNumberGenerator.GetString(Alphabet, length);

    /// <summary>Intuit refresh tokens look like "AB11" followed by 46 characters.</summary>
    public static string RefreshToken() => "AB11" + Random(46);

    public static string AccessToken() => "sbx." + Random(60);

    public static string Code() => "AB11" + Random(40);
}
