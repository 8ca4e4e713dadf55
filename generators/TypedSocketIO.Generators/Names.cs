namespace TypedSocketIO.Generators;

/// <summary>Names for what the generator adds, chosen so they never collide with the user's.</summary>
internal static class Names
{
    /// <summary><paramref name="preferred"/>, or the first of <c>preferred2</c>, <c>preferred3</c>... that is not taken.</summary>
    public static string Unique(string preferred, System.Func<string, bool> isTaken)
    {
        var name = preferred;
        for (var number = 2; isTaken(name); number++)
        {
            name = preferred + number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
