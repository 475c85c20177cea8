namespace Inbox.EndToEndTests;

/// <summary>Paths in the checkout the tests run from.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The host built in the same configuration as these tests (Debug or Release).</summary>
    public static string ServerAssembly
    {
        get
        {
            var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = framework.Parent!.Name;
            var path = Path.Combine(Root, "MediaServer", "Inbox.MediaServer", "bin", configuration, framework.Name, "Inbox.MediaServer.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the server assembly is missing.", path);
        }
    }

    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "Scenarios", name);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Inbox.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Inbox.sln not found above " + AppContext.BaseDirectory);
    }
}
