namespace TypedSocketIO.Generators.Tests.Infrastructure;

/// <summary>Test sources used by more than one test.</summary>
internal static class Sources
{
    /// <summary>samples/Chat/ChatContracts.cs, read from the sample itself so the baseline follows it.</summary>
    public static string ChatContracts { get; } = SampleFile("ChatContracts.cs");

    /// <summary>samples/Chat/ChatHistory.cs, which the chat namespace's constructor takes.</summary>
    public static string ChatHistory { get; } = SampleFile("ChatHistory.cs");

    /// <summary>samples/Chat/ChatRooms.cs, the room list the chat namespace keeps.</summary>
    public static string ChatRooms { get; } = SampleFile("ChatRooms.cs");

    /// <summary>samples/Chat/ChatNamespace.cs.</summary>
    public static string ChatNamespace { get; } = SampleFile("ChatNamespace.cs");

    private static string SampleFile(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "samples", "Chat", name);
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new FileNotFoundException("samples/Chat/" + name + " not found above " + AppContext.BaseDirectory);
    }
}
