using TypedSocketIO;
using TypedSocketIO.Samples.Chat;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<ChatHistory>();
builder.Services.AddSingleton<ChatRooms>();
builder.Services.AddSocketIO(options => options.JsonSerializerOptions.TypeInfoResolverChain.Insert(0, ChatJsonContext.Default))
    .AddNamespace<ChatNamespace>();

var app = builder.Build();

// The chat page (wwwroot/index.html) and the Socket.IO client script the build copies to wwwroot/lib.
app.UseDefaultFiles();
app.UseStaticFiles();

app.MapSocketIO();
app.Run();
