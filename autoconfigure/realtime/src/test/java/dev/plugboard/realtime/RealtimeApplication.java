package dev.plugboard.realtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A web application with realtime nodes on a random port.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class RealtimeApplication {

	public static final String SECRET = "a-test-secret-of-at-least-32-bytes-long!";

	public static ConfigurableApplicationContext start(Class<?> extra, String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off"));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(RealtimeApplication.class, extra).properties(all.toArray(String[]::new)).run();
	}

	public static ConfigurableApplicationContext start(String... properties) {
		return start(RealtimeApplication.class, properties);
	}

	public static String url(ConfigurableApplicationContext context, String path) {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		return "ws://127.0.0.1:" + port + path;
	}

	/** An HS256 token with Centrifugo's claims. */
	public static String token(String user, long ttlSeconds, Map<String, Object> claims) {
		try {
			JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().subject(user);
			if (ttlSeconds != 0) {
				builder.expirationTime(new Date(System.currentTimeMillis() + ttlSeconds * 1000));
			}
			claims.forEach(builder::claim);
			SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), builder.build());
			jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
