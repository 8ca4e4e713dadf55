using TypedSocketIO;
using TypedSocketIO.Samples.AnalyzerDemo;

// A working server: the namespace below is served; the mistakes in the other files show as
// warnings in `dotnet build samples/AnalyzerDemo`.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSocketIO(options => options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, DemoJsonContext.Default))
    .AddNamespace<GameNamespace>();

var app = builder.Build();
app.MapSocketIO();
app.Run();
