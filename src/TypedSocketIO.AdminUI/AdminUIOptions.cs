namespace TypedSocketIO;

/// <summary>
/// Settings of the admin namespace that the Socket.IO Admin UI (the npm package
/// <c>@socket.io/admin-ui</c>, 0.5) connects to; they mirror the options of that package's
/// <c>instrument()</c>. Either <see cref="Username"/> and <see cref="PasswordHash"/>, or
/// <see cref="AllowAnonymous"/>, must be set: the application does not start otherwise.
/// </summary>
public sealed class AdminUIOptions
{
    /// <summary>The admin namespace. Default <c>/admin</c> (what the UI asks for unless told otherwise).</summary>
    public string NamespaceName { get; set; } = "/admin";

    /// <summary>The user name the UI's connection form must give. Default none.</summary>
    public string? Username { get; set; }

    /// <summary>
    /// The bcrypt hash of the password (<c>$2a$</c>, <c>$2b$</c> or <c>$2y$</c>, as Node's package
    /// takes it), never the password itself; make one with <c>BCrypt.Net.BCrypt.HashPassword</c>
    /// or any bcrypt tool. Default none.
    /// </summary>
    public string? PasswordHash { get; set; }

    /// <summary>
    /// Serves the admin namespace without credentials (Node's <c>auth: false</c>): anyone who can
    /// reach the server can watch it and, unless <see cref="ReadOnly"/>, act on its sockets.
    /// Default false.
    /// </summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>Refuses the UI's actions (emit, join, leave, disconnect): it can only watch. Default false.</summary>
    public bool ReadOnly { get; set; }

    /// <summary>
    /// What the UI is told (see <see cref="AdminUIMode"/>). Default null: <see cref="AdminUIMode.Development"/>
    /// when the host environment is Development, <see cref="AdminUIMode.Production"/> otherwise (as
    /// Node's package follows <c>NODE_ENV</c>).
    /// </summary>
    public AdminUIMode? Mode { get; set; }

    /// <summary>The server's name on the UI's Servers page. Default null: the host name.</summary>
    public string? ServerId { get; set; }

    /// <summary>How often the server's statistics go to the UI. Default 2 seconds (Node's fixed interval).</summary>
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a login stays valid: after a login the UI keeps a session id and reconnects with
    /// it instead of the password. Default one day. Sessions live in this server's memory.
    /// </summary>
    public TimeSpan SessionDuration { get; set; } = TimeSpan.FromDays(1);
}
