using System.Diagnostics;
using Microsoft.Extensions.Primitives;

namespace TypedSocketIO.Diagnostics;

/// <summary>The W3C trace context (<c>traceparent</c>, <c>tracestate</c>) a client sent with its Engine.IO handshake.</summary>
internal static class HandshakeTraceContext
{
    /// <summary>The remote parent of the session's spans, or default when the handshake carried none (or a malformed one).</summary>
    public static ActivityContext Parse(StringValues traceParent, StringValues traceState)
    {
        if (traceParent.Count != 1)
        {
            return default; // none, or several: W3C allows exactly one
        }

        // Several tracestate headers are one list, joined with commas.
        var state = traceState.Count == 0 ? null : traceState.ToString();
        return ActivityContext.TryParse(traceParent[0], state, isRemote: true, out var context) ? context : default;
    }
}
