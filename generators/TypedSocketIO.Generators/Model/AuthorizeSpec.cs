namespace TypedSocketIO.Generators.Model;

/// <summary>One <c>[Authorize]</c> the generated code passes to the runtime: its policy and roles.</summary>
internal sealed record AuthorizeSpec(string? Policy, string? Roles);
