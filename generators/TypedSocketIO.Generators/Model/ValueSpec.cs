namespace TypedSocketIO.Generators.Model;

/// <summary>A value crossing the wire: a parameter, an ack value or a tuple element.</summary>
/// <param name="Type">The fully qualified type, with <c>global::</c> and nullable annotation.</param>
/// <param name="TypeInfoType">The type its <c>JsonTypeInfo</c> is for (a nullable reference type without its annotation).</param>
/// <param name="Kind">How it is read and written.</param>
/// <param name="AllowsNull">Whether null is a valid value (a nullable reference or value type).</param>
internal sealed record ValueSpec(string Type, string TypeInfoType, ValueKind Kind, bool AllowsNull);
