namespace OrleansDirect.Streams;

/// <summary>Base of every event on a user's stream. Streams are notifications only: the grains hold the truth.</summary>
[GenerateSerializer, Alias("OrleansDirect.Streams.UserEvent")]
public abstract record UserEvent;
