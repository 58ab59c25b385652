package dev.plugboard.realtime.autoconfigure;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.plugboard.realtime.RealtimeException;

/**
 * Verifies connection and subscription tokens: HMAC-signed JWTs with Centrifugo's claims.
 *
 * @author Plugboard
 */
final class Tokens {

	/** HS256 needs a 256-bit key. */
	static final int MIN_SECRET_BYTES = 32;

	private static final List<JWSAlgorithm> ALGORITHMS = List.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384,
			JWSAlgorithm.HS512);

	private final @Nullable MACVerifier verifier;

	private final @Nullable String audience;

	private final @Nullable String issuer;

	Tokens(RealtimeSettings.Token settings) {
		try {
			this.verifier = (settings.getHmacSecret() != null)
					? new MACVerifier(settings.getHmacSecret().getBytes(StandardCharsets.UTF_8)) : null;
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException(ex.getMessage(), ex);
		}
		this.audience = settings.getAudience();
		this.issuer = settings.getIssuer();
	}

	boolean enabled() {
		return this.verifier != null;
	}

	/**
	 * Verify a token.
	 * @param token the token
	 * @return its claims
	 * @throws InvalidTokenException if it is malformed, badly signed or for someone else
	 * @throws RealtimeException 109 if it has expired
	 */
	Claims verify(String token) {
		MACVerifier mac = this.verifier;
		if (mac == null) {
			throw new InvalidTokenException("no token.hmac-secret is configured");
		}
		JWTClaimsSet claims;
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm()) || !jwt.verify(mac)) {
				throw new InvalidTokenException("bad signature");
			}
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException | JOSEException ex) {
			throw new InvalidTokenException(ex.getMessage());
		}
		long now = System.currentTimeMillis();
		Date notBefore = claims.getNotBeforeTime();
		if (notBefore != null && notBefore.getTime() > now + 1000) {
			throw new InvalidTokenException("not valid yet");
		}
		if (this.audience != null && (claims.getAudience() == null || !claims.getAudience().contains(this.audience))) {
			throw new InvalidTokenException("wrong audience");
		}
		if (this.issuer != null && !this.issuer.equals(claims.getIssuer())) {
			throw new InvalidTokenException("wrong issuer");
		}
		Date expires = claims.getExpirationTime();
		if (expires != null && expires.getTime() <= now) {
			throw new RealtimeException(RealtimeException.TOKEN_EXPIRED, "token expired");
		}
		return new Claims(claims);
	}

	/** A token that is no token of this node: the client is disconnected (3500) or refused (103). */
	static final class InvalidTokenException extends RuntimeException {

		InvalidTokenException(String message) {
			super(message);
		}

	}

	/** The claims that matter. */
	static final class Claims {

		private final JWTClaimsSet claims;

		Claims(JWTClaimsSet claims) {
			this.claims = claims;
		}

		String subject() {
			return (this.claims.getSubject() != null) ? this.claims.getSubject() : "";
		}

		/** Expiry in epoch seconds, 0 for none. */
		long expiresAt() {
			Date expires = this.claims.getExpirationTime();
			return (expires != null) ? expires.getTime() / 1000 : 0;
		}

		@Nullable JsonNode info() {
			Object info = this.claims.getClaim("info");
			return (info != null) ? Json.tree(info) : null;
		}

		@Nullable String channel() {
			Object channel = this.claims.getClaim("channel");
			return (channel != null) ? String.valueOf(channel) : null;
		}

		/** Server-side subscriptions: the {@code channels} list and the keys of {@code subs}. */
		List<String> channels() {
			java.util.List<String> channels = new java.util.ArrayList<>();
			Object list = this.claims.getClaim("channels");
			if (list instanceof List<?> names) {
				names.forEach((name) -> channels.add(String.valueOf(name)));
			}
			Object subs = this.claims.getClaim("subs");
			if (subs instanceof Map<?, ?> map) {
				map.keySet().forEach((name) -> channels.add(String.valueOf(name)));
			}
			return channels;
		}

	}

}
