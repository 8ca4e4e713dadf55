namespace TypedSocketIO.Generators.Model;

/// <summary>How a value is read from or written to an event's JSON: primitives by hand, the rest through its type info.</summary>
internal enum ValueKind
{
    String,
    Int32,
    Int64,
    Double,
    Boolean,
    Bytes,
    Memory,
    JsonElement,
    Json,
}
