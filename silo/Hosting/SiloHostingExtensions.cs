using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using OrleansDirect.Hosting;
using OrleansDirect.Silo.Options;
using OrleansDirect.Streams;

namespace OrleansDirect.Silo.Hosting;

/// <summary>Everything a silo needs, driven by configuration and validated before the silo starts.</summary>
public static class SiloHostingExtensions
{
    public static HostApplicationBuilder AddOrleansDirectSilo(this HostApplicationBuilder builder)
    {
        var silo = builder.Configuration.GetValidated<SiloClusterOptions, SiloClusterOptionsValidator>(SiloClusterOptions.SectionName);
        var storage = builder.Configuration.GetValidated<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
        var streams = builder.Configuration.GetValidated<StreamOptions, StreamOptionsValidator>(StreamOptions.SectionName);
        builder.Services.AddOrleansDirectGrainServices(builder.Configuration);

        builder.UseOrleans(orleans =>
        {
            var primary = new IPEndPoint(IPAddress.Loopback, silo.PrimarySiloPort ?? silo.SiloPort);
            orleans.UseLocalhostClustering(silo.SiloPort, silo.GatewayPort, primary, silo.ServiceId, silo.ClusterId);
            orleans.Configure<EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Parse(silo.AdvertisedIPAddress));
            orleans.AddOrleansDirectStorage(storage);
            orleans.AddOrleansDirectStreams(streams);
            orleans.UseInMemoryReminderService();
        });
        return builder;
    }

    /// <summary>Options and services the grains depend on; used by the silo and by test clusters.</summary>
    public static IServiceCollection AddOrleansDirectGrainServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AccountOptions>, AccountOptionsValidator>();
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConversationOptions>, ConversationOptionsValidator>();
        return services;
    }

    /// <summary>Grain storage for every <see cref="StorageNames"/> entry.</summary>
    public static ISiloBuilder AddOrleansDirectStorage(this ISiloBuilder orleans, StorageOptions storage)
    {
        // Only Memory passes validation today; durable providers plug in here.
        _ = storage;
        foreach (var name in new[] { StorageNames.Accounts, StorageNames.Conversations, StorageNames.Messages, StorageNames.Inbox, StorageNames.PubSub })
        {
            orleans.AddMemoryGrainStorage(name);
        }

        return orleans;
    }

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
