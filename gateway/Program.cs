using OrleansDirect.Gateway.Hosting;
using OrleansDirect.Gateway.Http;
using OrleansDirect.Gateway.WebSockets;

var builder = WebApplication.CreateBuilder(args);
builder.AddOrleansDirectGateway();          // options, Orleans client, auth, stream hub: Hosting/GatewayHostingExtensions.cs

var app = builder.Build();
app.UseOrleansDirectGateway();              // WebSockets, authentication
app.MapHealthChecks("/health");
app.MapAccountEndpoints();                  // Http/AccountEndpoints.cs
app.MapOperatorEndpoints();                 // Http/OperatorEndpoints.cs: the report queue
app.MapWebSocketEndpoints();                // WebSockets/WebSocketEndpoints.cs
app.Run();

/// <summary>Entry point, visible to the end-to-end tests.</summary>
public partial class Program;
