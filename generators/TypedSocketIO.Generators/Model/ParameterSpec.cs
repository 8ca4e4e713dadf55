namespace TypedSocketIO.Generators.Model;

/// <summary>One event argument of a handler or client method.</summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="Value">Its type and wire form.</param>
/// <param name="DefaultValue">The C# literal of its default value, when it is optional.</param>
internal sealed record ParameterSpec(string Name, ValueSpec Value, string? DefaultValue);
