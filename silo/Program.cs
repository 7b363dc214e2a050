using OrleansDirect.Silo.Hosting;

// Options, clustering, storage, streams and reminders: Hosting/SiloHostingExtensions.cs.
var builder = Host.CreateApplicationBuilder(args);
builder.AddOrleansDirectSilo();
await builder.Build().RunAsync();
