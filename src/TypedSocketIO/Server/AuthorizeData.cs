namespace TypedSocketIO.Dispatch;

/// <summary>
/// One <c>[Authorize]</c> attribute as the generator read it from a namespace class or handler:
/// its policy and roles. The generated code passes the attributes that apply to CONNECT or to one
/// event as an array, all of which must pass; ASP.NET Core's authorization evaluates them.
/// </summary>
public sealed class AuthorizeData
{
    /// <summary>Records an <c>[Authorize]</c> with <paramref name="policy"/> and <paramref name="roles"/> (either may be null; both null asks for the default policy).</summary>
    public AuthorizeData(string? policy = null, string? roles = null)
    {
        Policy = policy;
        Roles = roles;
    }

    /// <summary>The policy name, or null.</summary>
    public string? Policy { get; }

    /// <summary>The roles, comma-separated (any one of them passes), or null.</summary>
    public string? Roles { get; }
}
