using TypedSocketIO.Samples.Conformance;

// The server the official Engine.IO and Socket.IO protocol test suites expect, on http://localhost:3000.
var app = ConformanceApp.Build(args);
app.Run();
