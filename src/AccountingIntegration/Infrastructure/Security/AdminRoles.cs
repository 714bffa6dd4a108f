namespace AccountingIntegration.Infrastructure.Security;

/// <summary>Operator roles. Admins change things; viewers only read.</summary>
internal static class AdminRoles
{
    public const string Admin = "admin";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Viewer];
}
