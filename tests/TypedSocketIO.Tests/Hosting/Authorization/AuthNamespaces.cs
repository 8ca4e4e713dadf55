using Microsoft.AspNetCore.Authorization;

namespace TypedSocketIO.Tests.Hosting.Authorization;

/// <summary>Counts the calls of protected handlers, so a test can see that a refused event called nothing.</summary>
public sealed class AuthLedger
{
    private int _adminCalls;

    public int AdminCalls => Volatile.Read(ref _adminCalls);

    public void CountAdminCall() => Interlocked.Increment(ref _adminCalls);
}

/// <summary>Only authenticated users connect; one handler wants a role, one a policy.</summary>
[SocketIONamespace("/jwt")]
[Authorize]
public sealed partial class JwtNamespace(AuthLedger ledger) : Namespace
{
    public string on_whoami(Socket socket) => socket.User.Identity?.Name ?? "nobody";

    [Authorize(Roles = "admin")]
    public string on_admin_only()
    {
        ledger.CountAdminCall();
        return "admin ok";
    }

    public int on_admin_calls() => ledger.AdminCalls;

    [Authorize(Policy = AuthServer.AdultPolicy)]
    public string on_adults() => "adult ok";
}

/// <summary>Anyone connects (the connect handler allows anonymous users); every event but <c>hello</c> needs a user.</summary>
[SocketIONamespace("/lobby")]
[Authorize]
public sealed partial class LobbyNamespace : Namespace
{
    [AllowAnonymous]
    public void on_connect(Socket socket)
    {
    }

    [AllowAnonymous]
    public string on_hello() => "hello";

    public string on_secret(Socket socket) => "secret for " + socket.User.Identity?.Name;
}

/// <summary>Members only, authenticated by the cookie of the handshake request.</summary>
[SocketIONamespace("/members")]
[Authorize(Policy = AuthServer.MemberPolicy)]
public sealed partial class MembersNamespace : Namespace
{
    public string on_whoami(Socket socket) => socket.User.Identity?.Name ?? "nobody";
}
