namespace TypedSocketIO;

/// <summary>
/// A class-based namespace whose server-to-client events are the methods of
/// <typeparamref name="TClient"/>; the generator writes a typed proxy for it, reached through
/// the generated <c>All</c>, <c>To(room)</c>, <c>Except(...)</c> and <c>Client(socket)</c> members.
/// </summary>
/// <typeparam name="TClient">The interface of the events the server sends.</typeparam>
public abstract class Namespace<TClient> : Namespace
    where TClient : class
{
}
