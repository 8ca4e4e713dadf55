using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace TypedSocketIO;

/// <summary>Puts the WebSocket middleware first in the pipeline, so <c>MapSocketIO()</c> is all an app adds.</summary>
internal sealed class WebSocketsStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseWebSockets();
        next(app);
    };
}
