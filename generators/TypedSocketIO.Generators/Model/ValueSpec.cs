namespace TypedSocketIO.Generators.Model;

/// <summary>A value crossing the wire: a parameter, an ack value or a tuple element.</summary>
/// <param name="Type">The fully qualified type, with <c>global::</c> and nullable annotation.</param>
/// <param name="TypeInfoType">The type its <c>JsonTypeInfo</c> is for: <paramref name="Type"/> without its top-level nullable annotation.</param>
/// <param name="RuntimeType">The type without any nullable reference annotation, as <c>typeof</c> takes it.</param>
/// <param name="Kind">How it is read and written.</param>
/// <param name="AllowsNull">Whether null is a valid value (a nullable reference or value type).</param>
/// <param name="MayHoldBinary">A JSON value whose runtime type may be binary (<c>object</c>, <c>Memory&lt;byte&gt;</c>...), written by its runtime type.</param>
internal sealed record ValueSpec(string Type, string TypeInfoType, string RuntimeType, ValueKind Kind, bool AllowsNull, bool MayHoldBinary = false)
{
    /// <summary>A reference type that may be null: written with <c>!</c> into a non-nullable <c>JsonTypeInfo</c>.</summary>
    public bool IsNullableReference => AllowsNull && TypeInfoType != Type && !Type.StartsWith("global::System.Nullable<", System.StringComparison.Ordinal) && Type.EndsWith("?", System.StringComparison.Ordinal);
}
