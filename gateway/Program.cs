using OrleansDirect.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddOrleansDirectGateway();          // options, Orleans client, auth, stream hub: Hosting/GatewayHostingExtensions.cs

var app = builder.Build();
app.UseOrleansDirectGateway();              // WebSockets, authentication
app.MapOrleansDirectEndpoints();            // /health, Http/AccountEndpoints.cs, Http/OperatorEndpoints.cs, WebSockets/WebSocketEndpoints.cs
app.Run();

/// <summary>Entry point, visible to the end-to-end tests.</summary>
public partial class Program;
