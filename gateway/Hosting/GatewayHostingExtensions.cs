using System.Net;
using Microsoft.Extensions.Options;
using ClusterOptions = Orleans.Configuration.ClusterOptions;
using OrleansDirect.Gateway.Auth;
using OrleansDirect.Gateway.Http;
using OrleansDirect.Gateway.Options;
using OrleansDirect.Gateway.Protocol;
using OrleansDirect.Gateway.WebSockets;
using OrleansDirect.Streams;

namespace OrleansDirect.Gateway.Hosting;

/// <summary>Options, the Orleans client, authentication and the WebSocket plumbing of a gateway.</summary>
public static class GatewayHostingExtensions
{
    /// <summary>HTTP bodies here are small JSON documents.</summary>
    public const long MaxRequestBodyBytes = 16 * 1024;

    public static WebApplicationBuilder AddOrleansDirectGateway(this WebApplicationBuilder builder)
    {
        var cluster = GetValidated<ClusterClientOptions, ClusterClientOptionsValidator>(builder.Configuration, ClusterClientOptions.SectionName);
        GetValidated<GatewayOptions, GatewayOptionsValidator>(builder.Configuration, GatewayOptions.SectionName);
        builder.Services.AddOptions<GatewayOptions>().BindConfiguration(GatewayOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();

        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ProtocolJsonContext.Default));
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication(SessionAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, SessionAuthenticationHandler>(SessionAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>("cluster");

        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<UserStreamHub>();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (cluster.ClusterId, cluster.ServiceId));
            if (cluster.Clustering == "AdoNet")
            {
                client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", cluster.ConnectionString));
            }
            else if (cluster.Clustering == "Static")
            {
                client.UseStaticClustering(cluster.StaticGateways.Select(g => IPEndPoint.Parse(g)).ToArray());
            }
            else
            {
                client.UseLocalhostClustering(cluster.GatewayPort, cluster.ServiceId, cluster.ClusterId);
            }

            // Only silos produce events; the gateway subscribes, so it needs the provider but no queue settings.
            client.AddMemoryStreams(StreamNames.Provider);
            client.AddClusterConnectionStatusObserver<ClusterConnectionObserver>();
            // Keep retrying the first connection: silos may start after the gateway.
            client.UseConnectionRetryFilter(async (_, cancellation) =>
            {
                await Task.Delay(TimeSpan.FromSeconds(1), cancellation);
                return true;
            });
        });

        // Registered after the Orleans client so that it stops first: stream subscriptions are removed while the
        // client can still reach the silos (hosted services stop in reverse order).
        builder.Services.AddHostedService(sp => sp.GetRequiredService<UserStreamHub>());
        builder.Services.AddHostedService<GatewayReadyLogger>();
        return builder;
    }

    public static WebApplication UseOrleansDirectGateway(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = options.KeepAliveInterval });
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Every endpoint: <c>/health</c>, the account API (Http/AccountEndpoints.cs), the operator's report queue
    /// (Http/OperatorEndpoints.cs) and the WebSocket (WebSockets/WebSocketEndpoints.cs). The end-to-end tests map the
    /// same set through this method.
    /// </summary>
    public static WebApplication MapOrleansDirectEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapAccountEndpoints();
        app.MapOperatorEndpoints();
        app.MapMediaEndpoints();
        app.MapExportEndpoints();
        app.MapWebSocketEndpoints();
        return app;
    }

    private static TOptions GetValidated<TOptions, TValidator>(IConfiguration configuration, string section)
        where TOptions : class, new()
        where TValidator : IValidateOptions<TOptions>, new()
    {
        var options = configuration.GetSection(section).Get<TOptions>() ?? new TOptions();
        var result = new TValidator().Validate(null, options);
        return result.Failed ? throw new OptionsValidationException(section, typeof(TOptions), result.Failures) : options;
    }
}
