using OrleansDirect.Streams;

namespace OrleansDirect.Gateway.WebSockets;

/// <summary>Something that receives a user's stream events: one WebSocket connection.</summary>
public interface IUserEventSink
{
    /// <summary>Queues an event for delivery; must not block.</summary>
    void Deliver(UserEvent evt);

    /// <summary>Tells the client live events may have been missed.</summary>
    void RequestResync();

    /// <summary>Closes the connection so the client reconnects (the live feed could not be restored).</summary>
    void RequestReconnect();
}
