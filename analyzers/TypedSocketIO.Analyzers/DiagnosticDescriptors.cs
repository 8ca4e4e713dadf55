using System.Linq;
using Microsoft.CodeAnalysis;

namespace TypedSocketIO.Analyzers;

/// <summary>
/// Every diagnostic TypedSocketIO reports, defined once. IDs are stable: a retired rule keeps its
/// number forever (see <c>AnalyzerReleases.Shipped.md</c>). Each has a page,
/// <c>docs/diagnostics/TSIOxxxx.md</c>: the mistake, an example and the fix.
/// </summary>
/// <remarks>
/// Severities: an error where the generator silently skips what the user wrote (a namespace that
/// is never served, a handler never dispatched, a proxy never emitted), a warning where the code
/// is likely wrong or fails only in some configurations.
/// </remarks>
public static class DiagnosticDescriptors
{
    /// <summary>Namespace declarations: the attribute, the base class, the path.</summary>
    public const string NamespaceCategory = "TypedSocketIO.Namespace";

    /// <summary>Handler methods: names, parameters, return types, lifecycle handlers.</summary>
    public const string HandlerCategory = "TypedSocketIO.Handler";

    /// <summary>Client interfaces: what the generated proxy can implement.</summary>
    public const string ClientCategory = "TypedSocketIO.Client";

    /// <summary>Calls on the generated emit surface.</summary>
    public const string UsageCategory = "TypedSocketIO.Usage";

    /// <summary>[Authorize] and [AllowAnonymous] where they cannot apply.</summary>
    public const string AuthorizationCategory = "TypedSocketIO.Authorization";

    /// <summary>What System.Text.Json can read and write.</summary>
    public const string SerializationCategory = "TypedSocketIO.Serialization";

    /// <summary>The reserved event names as a message lists them: "connect, connect_error, ... and removeListener".</summary>
    private static readonly string ReservedNames =
        string.Join(", ", ReservedEventNames.All.Take(ReservedEventNames.All.Length - 1)) + " and " + ReservedEventNames.All[ReservedEventNames.All.Length - 1];

    private const string HelpBase = "https://github.com/typedsocketio/typedsocketio/blob/main/docs/diagnostics/";

    // ---- namespace declarations -------------------------------------------------------------

    public static readonly DiagnosticDescriptor NamespaceNotPartial = new(
        id: "TSIO0001",
        title: "A [SocketIONamespace] class must be partial",
        messageFormat: "'{0}' has [SocketIONamespace] but is not partial, so the generator skips it and the namespace is never served; add the partial modifier",
        category: NamespaceCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0001.md");

    public static readonly DiagnosticDescriptor NamespaceNotDerived = new(
        id: "TSIO0002",
        title: "A [SocketIONamespace] class must derive from Namespace",
        messageFormat: "'{0}' has [SocketIONamespace] but does not derive from TypedSocketIO.Namespace, so the generator skips it; derive from Namespace<TClient> (or Namespace)",
        category: NamespaceCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0002.md");

    public static readonly DiagnosticDescriptor NamespaceWithoutAttribute = new(
        id: "TSIO0003",
        title: "A Namespace subclass needs [SocketIONamespace]",
        messageFormat: "'{0}' derives from Namespace but has no [SocketIONamespace] attribute, so no dispatcher is generated and its handlers never run; add [SocketIONamespace(\"/path\")] or make the class abstract",
        category: NamespaceCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0003.md");

    public static readonly DiagnosticDescriptor InvalidNamespacePath = new(
        id: "TSIO0004",
        title: "A namespace path must start with '/'",
        messageFormat: "The namespace path {0} of '{1}' does not start with '/', so the generator skips the class; use a path such as \"/{2}\"",
        category: NamespaceCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0004.md");

    public static readonly DiagnosticDescriptor DuplicateNamespacePath = new(
        id: "TSIO0005",
        title: "Two classes serve the same namespace path",
        messageFormat: "'{0}' and '{1}' both serve the namespace path \"{2}\", and a path has one handler; give each class its own path",
        category: NamespaceCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0005.md", customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor NamespaceShape = new(
        id: "TSIO0006",
        title: "A [SocketIONamespace] class must be a top-level, non-generic, non-abstract class",
        messageFormat: "'{0}' is {1}, so the generator cannot serve it; declare a top-level, non-generic, non-abstract partial class",
        category: NamespaceCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0006.md");

    public static readonly DiagnosticDescriptor NamespaceNoPublicConstructor = new(
        id: "TSIO0007",
        title: "A [SocketIONamespace] class needs a public constructor",
        messageFormat: "'{0}' has no public constructor, so the generator cannot create it from dependency injection and skips it; make a constructor public",
        category: NamespaceCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0007.md");

    // ---- handler binding --------------------------------------------------------------------

    public static readonly DiagnosticDescriptor ByRefParameter = new(
        id: "TSIO0010",
        title: "Event arguments cannot be ref, out, in or params",
        messageFormat: "Parameter '{0}' of '{1}' is {2}, which the generator cannot bind, so {3}; pass it by value",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0010.md");

    public static readonly DiagnosticDescriptor UnbindableType = new(
        id: "TSIO0011",
        title: "Event arguments and acknowledgements must be data types",
        messageFormat: "The {0} of '{1}' has type '{2}' ({3}), which cannot travel as an event argument, so {4}; use a concrete serializable type",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0011.md");

    public static readonly DiagnosticDescriptor GenericHandler = new(
        id: "TSIO0012",
        title: "A handler cannot be generic",
        messageFormat: "'{0}' is generic, and no event says which type arguments to use, so the generator skips it; remove the type parameters",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0012.md");

    public static readonly DiagnosticDescriptor SocketNotFirst = new(
        id: "TSIO0013",
        title: "The Socket must be the first parameter, once",
        messageFormat: "'{0}' takes Socket parameter '{1}' {2}, so the generator skips the handler; take at most one Socket, as the first parameter",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0013.md");

    public static readonly DiagnosticDescriptor CancellationTokenNotLast = new(
        id: "TSIO0014",
        title: "The CancellationToken must be the last parameter",
        messageFormat: "'{0}' takes CancellationToken parameter '{1}' before other parameters, so {2}; make it the last parameter",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0014.md");

    public static readonly DiagnosticDescriptor AsyncVoidHandler = new(
        id: "TSIO0015",
        title: "A handler cannot be async void",
        messageFormat: "'{0}' is async void: nothing can await it, an exception in it crashes the process, and the generator skips it; return ValueTask (or Task)",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0015.md");

    public static readonly DiagnosticDescriptor DuplicateEvent = new(
        id: "TSIO0016",
        title: "Two handlers handle the same event",
        messageFormat: "'{0}' handles event \"{1}\", which '{2}' already handles, and only the first is dispatched; remove one, or give one another name or [Event] name",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0016.md");

    public static readonly DiagnosticDescriptor ReservedEventName = new(
        id: "TSIO0017",
        title: "Reserved event names cannot be user events",
        messageFormat: "'{0}' uses the reserved event name \"{1}\" (" + ReservedNames + " belong to Socket.IO), so {2}; choose another name",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0017.md");

    public static readonly DiagnosticDescriptor HandlerNotDispatched = new(
        id: "TSIO0018",
        title: "A handler-looking method is not dispatched",
        messageFormat: "'{0}' looks like the handler of \"{1}\" but is never dispatched: {2}",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0018.md");

    public static readonly DiagnosticDescriptor HandlerNameTypo = new(
        id: "TSIO0019",
        title: "The method name follows no handler naming rule",
        messageFormat: "'{0}' follows no handler naming rule (on_<event> or On<Event>), so it is never dispatched; rename it '{1}' to handle \"{2}\"",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0019.md");

    // ---- client interfaces ------------------------------------------------------------------

    public static readonly DiagnosticDescriptor ClientMethodReturnType = new(
        id: "TSIO0020",
        title: "A client-interface method must return ValueTask, Task, ValueTask<T> or Task<T>",
        messageFormat: "'{0}' returns '{1}', so the generator emits no proxy for '{2}'; return ValueTask, or ValueTask<T> to wait for the client's acknowledgement",
        category: ClientCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0020.md");

    public static readonly DiagnosticDescriptor ClientMemberNotSupported = new(
        id: "TSIO0021",
        title: "A client interface can only declare instance, non-generic methods",
        messageFormat: "'{0}' is {1}, which a generated proxy cannot implement, so the generator emits no proxy for '{2}'; declare a non-generic instance method instead",
        category: ClientCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0021.md");

    public static readonly DiagnosticDescriptor ClientMethodTakesSocket = new(
        id: "TSIO0022",
        title: "A client-interface method cannot take a Socket",
        messageFormat: "'{0}' takes Socket parameter '{1}', but a client method's parameters are what it sends, so the generator emits no proxy for '{2}'; remove the parameter and choose the target with Client(socket)",
        category: ClientCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0022.md");

    public static readonly DiagnosticDescriptor ClientNotInterface = new(
        id: "TSIO0023",
        title: "The client type of Namespace<TClient> must be an interface",
        messageFormat: "'{0}' derives from Namespace<{1}>, but '{1}' is not an interface, so the generator emits no All, To, Except or Client members; declare the events the server sends in an interface",
        category: ClientCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0023.md");

    // ---- usage ------------------------------------------------------------------------------

    public static readonly DiagnosticDescriptor SingleAckOnBroadcast = new(
        id: "TSIO0030",
        title: "A single-answer acknowledgement cannot be awaited from a broadcast",
        messageFormat: "'{0}' waits for one answer but is called on a broadcast ({1}), which gets one answer per socket, so it throws InvalidOperationException; call it on Client(socket), or declare it to return ValueTask<IReadOnlyList<{2}>>",
        category: UsageCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0030.md");

    // ---- serialization ----------------------------------------------------------------------

    public static readonly DiagnosticDescriptor NotSerializable = new(
        id: "TSIO0040",
        title: "System.Text.Json cannot serialize the type",
        messageFormat: "The {0} of '{1}' has type '{2}', and System.Text.Json cannot serialize {3}, so every use throws NotSupportedException; send plain data instead",
        category: SerializationCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0040.md");

    public static readonly DiagnosticDescriptor NotDeserializable = new(
        id: "TSIO0041",
        title: "System.Text.Json cannot create an interface or abstract type",
        messageFormat: "The {0} of '{1}' has type '{2}', {3} with no [JsonDerivedType] attribute, so System.Text.Json cannot create it from the client's JSON; use a concrete type or declare its derived types with [JsonPolymorphic]/[JsonDerivedType]",
        category: SerializationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0041.md");

    public static readonly DiagnosticDescriptor NotInJsonContext = new(
        id: "TSIO0042",
        title: "The type is in no JsonSerializerContext (AOT or trimming)",
        messageFormat: "'{0}', the {1} of '{2}', is in no JsonSerializerContext, and with {3} reflection-based JSON is not available, so the event fails at run time; add [JsonSerializable(typeof({0}))] to {4}",
        category: SerializationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0042.md");

    // ---- lifecycle handlers -----------------------------------------------------------------

    public static readonly DiagnosticDescriptor ConnectReturnType = new(
        id: "TSIO0050",
        title: "A connect handler returns bool, void or a task of them",
        messageFormat: "'{0}' returns '{1}', so the generator skips it; a connect handler returns bool (false refuses the client), void, Task, ValueTask, Task<bool> or ValueTask<bool>",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0050.md");

    public static readonly DiagnosticDescriptor DisconnectTakesEventArguments = new(
        id: "TSIO0051",
        title: "A disconnect handler takes no event arguments",
        messageFormat: "'{0}' takes parameter '{1}', but a {2} handler receives only the Socket, a DisconnectReason and a CancellationToken, so the generator skips it; remove the parameter",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0051.md");

    public static readonly DiagnosticDescriptor DisconnectReturnsValue = new(
        id: "TSIO0052",
        title: "A disconnect handler returns no value",
        messageFormat: "'{0}' returns '{1}', but nothing receives the result of a {2} handler, so the generator skips it; return void, Task or ValueTask",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0052.md");

    public static readonly DiagnosticDescriptor ConnectTooManyArguments = new(
        id: "TSIO0053",
        title: "A connect handler takes one auth argument",
        messageFormat: "'{0}' takes '{1}' after auth parameter '{2}', but CONNECT carries one auth value, so the generator skips the handler; take one type that holds both",
        category: HandlerCategory,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0053.md");

    // ---- authorization ----------------------------------------------------------------------

    public static readonly DiagnosticDescriptor AuthorizationOnNonHandler = new(
        id: "TSIO0060",
        title: "[Authorize] or [AllowAnonymous] on a method that is not a handler has no effect",
        messageFormat: "'{0}' is not an event or connect handler, so its [{1}] is never checked; put the attribute on the handler that should be protected, or on the namespace class",
        category: AuthorizationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0060.md");

    public static readonly DiagnosticDescriptor AuthorizationOnDisconnect = new(
        id: "TSIO0061",
        title: "A disconnect cannot be authorized",
        messageFormat: "'{0}' runs when a socket leaves, which nothing can refuse, so its [{1}] has no effect; remove it (the socket was authorized when it connected)",
        category: AuthorizationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0061.md");

    public static readonly DiagnosticDescriptor AuthenticationSchemesNotApplied = new(
        id: "TSIO0062",
        title: "AuthenticationSchemes of [Authorize] are not applied to sockets",
        messageFormat: "The [Authorize] on '{0}' names AuthenticationSchemes, but a socket's user is the one authenticated on its handshake request (or by SocketIOOptions.AuthTokenScheme), so the schemes are ignored; make the scheme the default authenticate scheme (or a policy scheme) instead",
        category: AuthorizationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0062.md");

    public static readonly DiagnosticDescriptor AuthorizationOnDelegate = new(
        id: "TSIO0063",
        title: "[Authorize] on a delegate handler is ignored",
        messageFormat: "The handler passed to '{0}' has [{1}], but the delegate API reads no attributes, so nothing is checked; check socket.User in the handler or in Use() middleware, or write a [SocketIONamespace] class",
        category: AuthorizationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0063.md");

    public static readonly DiagnosticDescriptor AuthorizeUnderAllowAnonymous = new(
        id: "TSIO0064",
        title: "[Authorize] under an [AllowAnonymous] namespace is ignored",
        messageFormat: "'{0}' has [Authorize], but its namespace class allows anonymous users, and [AllowAnonymous] wins as in ASP.NET Core, so nothing is checked; remove [AllowAnonymous] from the class and put it on the handlers that should be open",
        category: AuthorizationCategory,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + "TSIO0064.md");
}
