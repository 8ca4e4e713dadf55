using System.Collections;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// The values of one query parameter or header of the handshake request: none, one, or several,
/// in the order the request gave them. Reads as text with <see cref="ToString"/> (several values
/// joined by commas) or an implicit conversion to <see cref="string"/>.
/// </summary>
public readonly struct HandshakeValues : IReadOnlyList<string>
{
    // Null for none, the string itself for one (the usual case: nothing allocated), an array for several.
    private readonly object? _values;

    internal HandshakeValues(string value)
    {
        _values = value;
    }

    internal HandshakeValues(string[] values)
    {
        _values = values.Length switch
        {
            0 => null,
            1 => values[0],
            _ => values,
        };
    }

    /// <summary>No value: what an absent parameter or header reads as.</summary>
    public static HandshakeValues Empty => default;

    /// <summary>How many values there are.</summary>
    public int Count => _values switch
    {
        null => 0,
        string => 1,
        _ => ((string[])_values).Length,
    };

    /// <summary>Whether there is no value.</summary>
    public bool IsEmpty => _values is null;

    /// <summary>The value at <paramref name="index"/>.</summary>
    public string this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            return _values as string ?? ((string[])_values!)[index];
        }
    }

    /// <summary>The values as text: empty for none, the value itself for one, the values joined by commas for several.</summary>
    public override string ToString() => _values switch
    {
        null => "",
        string one => one,
        _ => string.Join(',', (string[])_values),
    };

    /// <summary>The values as text (<see cref="ToString"/>), or null when there is none.</summary>
    public static implicit operator string?(HandshakeValues values) => values.IsEmpty ? null : values.ToString();

    /// <summary>The values, in order.</summary>
    public IEnumerator<string> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
