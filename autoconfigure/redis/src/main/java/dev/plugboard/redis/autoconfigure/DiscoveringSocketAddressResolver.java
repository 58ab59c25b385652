package dev.plugboard.redis.autoconfigure;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import io.lettuce.core.RedisURI;
import io.lettuce.core.resource.SocketAddressResolver;

import dev.plugboard.core.spi.ConnectionUrl.HostAndPort;
import dev.plugboard.core.spi.ServiceEndpoints;

/**
 * Lettuce asks for the address at every connect and reconnect: a {@code discovery://} instance
 * answers with the endpoint that discovery names at that moment, so that its connections follow
 * the service when it moves.
 *
 * @author Plugboard
 */
final class DiscoveringSocketAddressResolver extends SocketAddressResolver {

	private final ServiceEndpoints endpoints;

	DiscoveringSocketAddressResolver(ServiceEndpoints endpoints) {
		this.endpoints = endpoints;
	}

	@Override
	public SocketAddress resolve(RedisURI redisURI) {
		HostAndPort endpoint = this.endpoints.next();
		return new InetSocketAddress(endpoint.host(), endpoint.portOr(6379));
	}

}
