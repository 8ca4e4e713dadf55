using System.Text;

namespace TypedSocketIO;

/// <summary>Event names the protocol keeps for itself (<see cref="ReservedEventNames"/>); they are never dispatched or emitted as user events.</summary>
internal static class ReservedEvents
{
    private static readonly byte[][] Utf8Names = Array.ConvertAll(ReservedEventNames.All, Encoding.UTF8.GetBytes);

    public static bool IsReserved(ReadOnlySpan<byte> name)
    {
        foreach (var reserved in Utf8Names)
        {
            if (name.SequenceEqual(reserved))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsReserved(string name) => ReservedEventNames.Contains(name);

    public static void ThrowIfReserved(string name)
    {
        if (IsReserved(name))
        {
            throw new ArgumentException($"\"{name}\" is a reserved event name.", nameof(name));
        }
    }
}
