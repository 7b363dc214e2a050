using OrleansDirect.Silo.Hosting;

// `OrleansDirect.Silo migrate` applies the PostgreSQL schema and exits; otherwise the silo runs.
// Options, clustering, storage, streams and reminders: Hosting/SiloHostingExtensions.cs.
var builder = Host.CreateApplicationBuilder(args.Where(a => a != "migrate").ToArray());
if (args.Contains("migrate"))
{
    await builder.MigrateOrleansDirectSchemaAsync();
    return;
}

builder.AddOrleansDirectSilo();
await builder.Build().RunAsync();
