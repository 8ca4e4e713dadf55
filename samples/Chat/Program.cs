using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using TypedSocketIO;
using TypedSocketIO.Samples.Chat;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ChatHistory>();
builder.Services.AddSingleton<ChatRooms>();
builder.Services.AddSocketIO(options => options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, ChatJsonContext.Default))
    .AddNamespace<ChatNamespace>();

// GET /health: 200 Healthy or Degraded (near MaxConnections), 503 Unhealthy (stopping, or an adapter down).
builder.Services.AddHealthChecks().AddSocketIO();

// The server's metrics and spans go to the exporters switched on in configuration
// (appsettings.json's Telemetry section, or --Telemetry:Console=true on the command line).
var consoleExporter = IsOn(builder.Configuration["Telemetry:Console"]);
var prometheusExporter = IsOn(builder.Configuration["Telemetry:Prometheus"]);
if (consoleExporter || prometheusExporter)
{
    var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
    {
        metrics.AddMeter(SocketIOTelemetry.MeterName);
        if (consoleExporter)
        {
            metrics.AddConsoleExporter();
        }

        if (prometheusExporter)
        {
            metrics.AddPrometheusExporter();
        }
    });
    if (consoleExporter)
    {
        telemetry.WithTracing(tracing => tracing.AddSource(SocketIOTelemetry.ActivitySourceName).AddConsoleExporter());
    }
}

var app = builder.Build();

// The chat page (wwwroot/index.html) and the Socket.IO client script the build copies to wwwroot/lib.
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapHealthChecks("/health");
if (prometheusExporter)
{
    app.MapPrometheusScrapingEndpoint(); // GET /metrics, in Prometheus' text format
}

app.MapSocketIO();
app.Run();

// Configuration binding by hand: the reflection-based binder is not NativeAOT-safe.
static bool IsOn(string? value) => bool.TryParse(value, out var on) && on;
