namespace TypedSocketIO;

/// <summary>
/// The names under which the server publishes its metrics and traces, for OpenTelemetry's
/// <c>AddMeter(SocketIOTelemetry.MeterName)</c> and <c>AddSource(SocketIOTelemetry.ActivitySourceName)</c>.
/// Nothing else is needed: the instruments and spans are <c>System.Diagnostics</c> ones, and
/// cost nothing while no listener asks for them. docs/observability.md lists every instrument.
/// </summary>
public static class SocketIOTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/>: <c>TypedSocketIO</c>.</summary>
    public const string MeterName = "TypedSocketIO";

    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/>: <c>TypedSocketIO</c>.</summary>
    public const string ActivitySourceName = "TypedSocketIO";
}
