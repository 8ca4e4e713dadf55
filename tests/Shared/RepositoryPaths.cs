namespace TypedSocketIO.Tests.Shared;

/// <summary>Finds folders of the repository from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string JsTests => Path.Combine(Root, "tests", "js");

    public static string ChatSample => Path.Combine(Root, "samples", "Chat");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TypedSocketIO.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TypedSocketIO.sln not found above " + AppContext.BaseDirectory);
    }
}
