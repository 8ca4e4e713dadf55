using TypedSocketIO;
using TypedSocketIO.Samples.Chat;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ChatHistory>();
builder.Services.AddSocketIO(options => options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, ChatJsonContext.Default))
    .AddNamespace<ChatNamespace>();

var app = builder.Build();
app.MapSocketIO();
app.Run();
