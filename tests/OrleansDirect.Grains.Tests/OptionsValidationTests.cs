using OrleansDirect.Gateway.Options;
using OrleansDirect.Hosting;
using OrleansDirect.Silo.Options;

namespace OrleansDirect.Tests;

[Trait("Category", "Unit")]
public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.True(new AccountOptionsValidator().Validate(null, new AccountOptions()).Succeeded);
        Assert.True(new ConversationOptionsValidator().Validate(null, new ConversationOptions()).Succeeded);
        Assert.True(new SiloClusterOptionsValidator().Validate(null, new SiloClusterOptions()).Succeeded);
        Assert.True(new StorageOptionsValidator().Validate(null, new StorageOptions()).Succeeded);
        Assert.True(new StreamOptionsValidator().Validate(null, new StreamOptions()).Succeeded);
        Assert.True(new GatewayOptionsValidator().Validate(null, new GatewayOptions()).Succeeded);
        Assert.True(new ClusterClientOptionsValidator().Validate(null, new ClusterClientOptions()).Succeeded);
    }

    [Fact]
    public void BadSettings_FailWithMessagesNamingTheSettingAndItsVariable()
    {
        AssertNames(new AccountOptionsValidator().Validate(null, new AccountOptions { PasswordHashIterations = 5 }).FailureMessage,
            "Accounts:PasswordHashIterations", "Accounts__PasswordHashIterations");
        AssertNames(new AccountOptionsValidator().Validate(null, new AccountOptions { SignInFailuresPerHour = 0 }).FailureMessage,
            "Accounts:SignInFailuresPerHour", "Accounts__SignInFailuresPerHour");
        AssertNames(new ConversationOptionsValidator().Validate(null, new ConversationOptions { IdempotencyWindow = 1 }).FailureMessage,
            "Conversations:IdempotencyWindow", "Conversations__IdempotencyWindow");
        AssertNames(new SiloClusterOptionsValidator().Validate(null, new SiloClusterOptions { Clustering = "Zookeeper" }).FailureMessage,
            "Cluster:Clustering", "Cluster__Clustering");
        AssertNames(new SiloClusterOptionsValidator().Validate(null, new SiloClusterOptions { SiloPort = 70000 }).FailureMessage,
            "Cluster:SiloPort", "Cluster__SiloPort");
        AssertNames(new StorageOptionsValidator().Validate(null, new StorageOptions { Provider = "Cassandra" }).FailureMessage,
            "Storage:Provider", "Storage__Provider");
        AssertNames(new StreamOptionsValidator().Validate(null, new StreamOptions { PollingPeriod = TimeSpan.Zero }).FailureMessage,
            "Streams:PollingPeriod", "Streams__PollingPeriod");
        AssertNames(new GatewayOptionsValidator().Validate(null, new GatewayOptions { MaxFrameBytes = 1024 }).FailureMessage,
            "Gateway:MaxFrameBytes", "Gateway__MaxFrameBytes");
        AssertNames(new GatewayOptionsValidator().Validate(null, new GatewayOptions { SendQueueCapacity = 0 }).FailureMessage,
            "Gateway:SendQueueCapacity", "Gateway__SendQueueCapacity");
        AssertNames(new ClusterClientOptionsValidator().Validate(null, new ClusterClientOptions { Clustering = "Static" }).FailureMessage,
            "Cluster:StaticGateways", "Cluster__StaticGateways__0");
    }

    [Fact]
    public void GatewayFrameLimit_MustFitALongestEscapedMessage() =>
        Assert.True(GatewayOptionsValidator.MinimumFrameBytes >= Validation.MessageRules.MaxTextLength * 6 + 1024);

    private static void AssertNames(string? message, string key, string variable)
    {
        Assert.NotNull(message);
        Assert.Contains(key, message, StringComparison.Ordinal);
        Assert.Contains(variable, message, StringComparison.Ordinal);
    }
}
