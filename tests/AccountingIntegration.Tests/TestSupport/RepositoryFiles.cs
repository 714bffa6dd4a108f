namespace AccountingIntegration.Tests.TestSupport;

/// <summary>The repository's own files (Dockerfile, compose file, .env.example, sources), found from the test binaries upward.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "AccountingIntegration.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (AccountingIntegration.slnx) is not above the test binaries.");
    }
}
