package com.pricefeed.api.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * How the stream treats its clients.
 *
 * @param heartbeat            interval of heartbeat comments
 * @param clientBuffer         changes queued per client before it is dropped as too slow
 * @param maxClients           concurrent clients beyond which new ones are refused
 * @param maxClientsPerAddress concurrent clients from one remote address beyond which its new ones are refused
 * @param writeTimeout         how long a client's connection may take nothing before the client is dropped
 */
public record StreamSettings(Duration heartbeat, int clientBuffer, int maxClients, int maxClientsPerAddress,
                             Duration writeTimeout) {

    public StreamSettings {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(writeTimeout, "writeTimeout");
    }
}
