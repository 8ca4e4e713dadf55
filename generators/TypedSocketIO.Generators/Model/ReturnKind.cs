namespace TypedSocketIO.Generators.Model;

/// <summary>The shapes a handler may return.</summary>
internal enum ReturnKind
{
    Void,
    Value,
    Task,
    TaskOfValue,
    ValueTask,
    ValueTaskOfValue,
}
