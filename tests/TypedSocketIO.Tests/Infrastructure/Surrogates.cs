namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>UTF-16 checks the property and oracle tests share.</summary>
internal static class Surrogates
{
    /// <summary>Whether <paramref name="text"/> holds a surrogate that is not half of a pair (UTF-8 cannot carry it).</summary>
    public static bool HasLone(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }

        return false;
    }
}
