using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Storage;
using OrleansDirect.Hosting;
using OrleansDirect.Silo.Options;
using OrleansDirect.Silo.Schema;
using OrleansDirect.Streams;

namespace OrleansDirect.Silo.Hosting;

/// <summary>Everything a silo needs, driven by configuration and validated before the silo starts.</summary>
public static class SiloHostingExtensions
{
    /// <summary>The ADO.NET provider invariant for Npgsql.</summary>
    public const string NpgsqlInvariant = "Npgsql";

    private static readonly string[] GrainStorageNames =
        [StorageNames.Accounts, StorageNames.Conversations, StorageNames.Messages, StorageNames.Inbox, StorageNames.Social, StorageNames.Reports, StorageNames.Media, StorageNames.PubSub];

    public static HostApplicationBuilder AddOrleansDirectSilo(this HostApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetValidated<SiloClusterOptions, SiloClusterOptionsValidator>(SiloClusterOptions.SectionName);
        var storage = builder.Configuration.GetValidated<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
        var streams = builder.Configuration.GetValidated<StreamOptions, StreamOptionsValidator>(StreamOptions.SectionName);
        var usesPostgres = silo.Clustering == ClusteringModes.AdoNet || storage.Provider == StorageProviders.PostgreSQL;
        var postgres = usesPostgres
            ? builder.Configuration.GetValidated<PostgresOptions, PostgresOptionsValidator>(PostgresOptions.SectionName)
            : null;
        builder.Services.AddOrleansDirectGrainServices(builder.Configuration);

        // Registered before the silo, so the schema exists before clustering and storage first touch it.
        if (postgres is { ApplySchemaOnStart: true })
        {
            builder.Services.AddHostedService(sp => new SchemaMigrationService(
                new SchemaMigrator(postgres.ConnectionString!, sp.GetRequiredService<ILogger<SchemaMigrator>>())));
        }

        builder.Services.AddHostedService<SiloReadyLogger>();
        builder.UseOrleans(orleans =>
        {
            orleans.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (silo.ClusterId, silo.ServiceId));
            if (silo.Clustering == ClusteringModes.AdoNet)
            {
                orleans.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (NpgsqlInvariant, postgres!.ConnectionString));
                orleans.ConfigureEndpoints(IPAddress.Parse(silo.AdvertisedIPAddress), silo.SiloPort, silo.GatewayPort);
            }
            else
            {
                var primary = new IPEndPoint(IPAddress.Loopback, silo.PrimarySiloPort ?? silo.SiloPort);
                orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, primary, silo.ServiceId, silo.ClusterId);
                orleans.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Parse(silo.AdvertisedIPAddress));
            }

            orleans.AddOrleansDirectStorage(storage, postgres);
            orleans.AddOrleansDirectStreams(streams);
            if (storage.Provider == StorageProviders.PostgreSQL)
            {
                orleans.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (NpgsqlInvariant, postgres!.ConnectionString));
            }
            else
            {
                orleans.UseInMemoryReminderService();
            }
        });
        return builder;
    }

    /// <summary>Applies the PostgreSQL schema and returns; the <c>migrate</c> command.</summary>
    public static async Task MigrateOrleansDirectSchemaAsync(this HostApplicationBuilder builder)
    {
        var postgres = builder.Configuration.GetValidated<PostgresOptions, PostgresOptionsValidator>(PostgresOptions.SectionName);
        using var host = builder.Build();
        var migrator = new SchemaMigrator(postgres.ConnectionString!, host.Services.GetRequiredService<ILogger<SchemaMigrator>>());
        await migrator.ApplyAsync(CancellationToken.None);
    }

    /// <summary>Options and services the grains depend on; used by the silo and by test clusters.</summary>
    public static IServiceCollection AddOrleansDirectGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountOptions>, AccountOptionsValidator>();
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConversationOptions>, ConversationOptionsValidator>();
        services.AddOptions<PrivacyOptions>().BindConfiguration(PrivacyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PrivacyOptions>, PrivacyOptionsValidator>();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddOptions<MediaOptions>().BindConfiguration(MediaOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MediaOptions>, MediaOptionsValidator>();
        services.TryAddSingleton<OrleansDirect.Media.IBlobStore>(sp => new OrleansDirect.Media.DirectoryBlobStore(sp.GetRequiredService<IOptions<MediaOptions>>().Value.Directory));
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReportOptions>, ReportOptionsValidator>();
        return services;
    }

    /// <summary>
    /// Grain storage for every <see cref="StorageNames"/> entry. State is stored with the Orleans serializer, set
    /// explicitly on every provider (Orleans' default is Newtonsoft JSON, and switching later breaks stored data): it
    /// follows the same [Id]/[Alias] contract our types keep for the wire, so the versioning rules that protect calls
    /// also protect stored state.
    /// </summary>
    public static ISiloBuilder AddOrleansDirectStorage(this ISiloBuilder orleans, StorageOptions storage, PostgresOptions? postgres = null)
    {
        foreach (var name in GrainStorageNames)
        {
            if (storage.Provider == StorageProviders.PostgreSQL)
            {
                orleans.AddAdoNetGrainStorage(name, ob => ob.Configure<IServiceProvider>((o, sp) =>
                {
                    (o.Invariant, o.ConnectionString) = (NpgsqlInvariant, postgres!.ConnectionString);
                    o.GrainStorageSerializer = CreateStateSerializer(sp);

                    // Cleared state (revoked sessions, deleted accounts) is deleted, not kept as an empty row.
                    o.DeleteStateOnClear = true;
                }));
            }
            else
            {
                orleans.AddMemoryGrainStorage(name, ob => ob.Configure<IServiceProvider>((o, sp) => o.GrainStorageSerializer = CreateStateSerializer(sp)));
            }
        }

        return orleans;
    }

    /// <summary>The one serializer used for stored grain state.</summary>
    public static IGrainStorageSerializer CreateStateSerializer(IServiceProvider services) =>
        ActivatorUtilities.CreateInstance<OrleansGrainStorageSerializer>(services);

    /// <summary>The per-user event streams, under the production provider name.</summary>
    public static ISiloBuilder AddOrleansDirectStreams(this ISiloBuilder orleans, StreamOptions streams) =>
        orleans.AddMemoryStreams(StreamNames.Provider, b =>
        {
            b.ConfigurePartitioning(streams.QueueCount);
            b.ConfigurePullingAgent(agent => agent.Configure(o => o.GetQueueMsgsTimerPeriod = streams.PollingPeriod));
        });

    /// <summary>Binds a section and validates it now, so a bad setting stops start-up with a message naming it.</summary>
    public static TOptions GetValidated<TOptions, TValidator>(this IConfiguration configuration, string section)
        where TOptions : class, new()
        where TValidator : IValidateOptions<TOptions>, new()
    {
        var options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        var result = new TValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(section, typeof(TOptions), result.Failures);
        }

        return options;
    }
}
