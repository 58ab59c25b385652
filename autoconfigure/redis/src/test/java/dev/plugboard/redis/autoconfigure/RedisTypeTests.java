package dev.plugboard.redis.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.ReadFrom;
import org.junit.jupiter.api.Test;

import dev.plugboard.core.PlugboardEnvironmentPostProcessor;
import dev.plugboard.core.spi.InstanceBinder;
import dev.plugboard.core.spi.InstanceDefinition;
import dev.plugboard.core.spi.InvalidSettingException;
import dev.plugboard.core.spi.PlugboardException;

import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisNode;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.RedisStaticMasterReplicaConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How one instance's settings are resolved from its URL, discrete settings and environment
 * variables, and validated. No server is involved: this is the part before any connection.
 */
class RedisTypeTests {

	private final RedisType type = new RedisType();

	@Test
	void urlGivesHostPortCredentialsAndDatabase() {
		Prepared cache = prepare(Map.of("plugboard.redis.data-cache.url", "redis://app:s%40cret@cache1:6380/3"));
		RedisSettings settings = cache.settings();
		assertThat(settings.getHost()).isEqualTo("cache1");
		assertThat(settings.getPort()).isEqualTo(6380);
		assertThat(settings.getUsername()).isEqualTo("app");
		assertThat(settings.getPassword()).isEqualTo("s@cret");
		assertThat(settings.getDatabase()).isEqualTo(3);
		assertThat(settings.getSsl().determineEnabled()).isFalse();
		assertThat(cache.endpoint()).isEqualTo("cache1:6380/3");
		RedisStandaloneConfiguration configuration = (RedisStandaloneConfiguration) RedisConnections
			.configuration(settings);
		assertThat(configuration.getHostName()).isEqualTo("cache1");
		assertThat(configuration.getPort()).isEqualTo(6380);
		assertThat(configuration.getDatabase()).isEqualTo(3);
		assertThat(configuration.getUsername()).isEqualTo("app");
		assertThat(configuration.getPassword().get()).isEqualTo("s@cret".toCharArray());
	}

	@Test
	void userInformationWithoutAColonIsThePasswordAsInSpringBoot() {
		Prepared cache = prepare(Map.of("plugboard.redis.data-cache.url", "redis://Only%2Bp%40ss@cache1:6380/3"));
		RedisSettings settings = cache.settings();
		assertThat(settings.getUsername()).isNull();
		assertThat(settings.getPassword()).isEqualTo("Only+p@ss");
		assertThat(cache.endpoint()).isEqualTo("cache1:6380/3");
		RedisStandaloneConfiguration configuration = (RedisStandaloneConfiguration) RedisConnections
			.configuration(settings);
		assertThat(configuration.getUsername()).isNull();
		assertThat(configuration.getPassword().get()).isEqualTo("Only+p@ss".toCharArray());
		assertThat(settings.toString()).contains("redis://******@cache1:6380/3")
			.doesNotContain("Only")
			.doesNotContain("p@ss");
		assertThat(this.type.secrets(cache.definition())).as("both forms, for masking")
			.containsExactlyInAnyOrder("Only%2Bp%40ss", "Only+p@ss");
		Prepared both = prepare(Map.of("plugboard.redis.data-cache.url", "redis://app:Pw-2@cache1",
				"plugboard.redis.data-cache.password", "Other-Pw"));
		assertThat(both.settings().getUsername()).as("user:password keeps its meaning").isEqualTo("app");
		assertThat(both.settings().getPassword()).isEqualTo("Other-Pw");
	}

	@Test
	void aPasswordOnlyUrlIsMaskedEvenWhenThePasswordSettingWins() {
		Prepared cache = prepare(Map.of("plugboard.redis.data-cache.url", "redis://Url-Pass@cache1",
				"plugboard.redis.data-cache.password", "Setting-Pass"));
		assertThat(cache.settings().getPassword()).isEqualTo("Setting-Pass");
		assertThat(this.type.secrets(cache.definition())).containsExactly("Url-Pass");
		assertThat(cache.settings().toString()).doesNotContain("Url-Pass").doesNotContain("Setting-Pass");
	}

	@Test
	void discreteSettingsWinOverTheUrl() {
		Prepared cache = prepare(Map.of("plugboard.redis.data-cache.url", "redis://app:secret@cache1:6380/3",
				"plugboard.redis.data-cache.host", "cache9", "plugboard.redis.data-cache.database", "0",
				"plugboard.redis.data-cache.password", "other"));
		RedisSettings settings = cache.settings();
		assertThat(settings.getHost()).isEqualTo("cache9");
		assertThat(settings.getPort()).as("not set: from the URL").isEqualTo(6380);
		assertThat(settings.getUsername()).isEqualTo("app");
		assertThat(settings.getPassword()).isEqualTo("other");
		assertThat(settings.getDatabase()).as("0 set explicitly wins over /3").isEqualTo(0);
		assertThat(cache.endpoint()).isEqualTo("cache9:6380/0");
	}

	@Test
	void withoutUrlOrHostTheDefaultsAreLocalhost6379Database0() {
		Prepared cache = prepare(Map.of("plugboard.redis.data-cache.enabled", "true"));
		assertThat(cache.endpoint()).isEqualTo("localhost:6379/0");
		assertThat(this.type.hasConnection(cache.definition())).isFalse();
		assertThat(cache.definition().critical()).as("Redis is not critical by default").isFalse();
		assertThat(cache.definition().primary()).as("a lone instance is primary").isTrue();
	}

	@Test
	void hostPortUrlClusterOrSentinelCountAsAConnection() {
		assertThat(this.type.hasConnection(prepare(Map.of("plugboard.redis.c.host", "cache1")).definition())).isTrue();
		assertThat(this.type.hasConnection(prepare(Map.of("plugboard.redis.c.url", "redis://cache1")).definition()))
			.isTrue();
		assertThat(this.type
			.hasConnection(prepare(Map.of("plugboard.redis.c.cluster.nodes", "n1:7000,n2:7000")).definition())).isTrue();
		assertThat(this.type.hasConnection(prepare(
				Map.of("plugboard.redis.c.sentinel.master", "mymaster", "plugboard.redis.c.sentinel.nodes", "s1:26379"))
			.definition())).isTrue();
		assertThat(this.type.hasConnection(prepare(Map.of("plugboard.redis.c.port", "6380")).definition())).isTrue();
		assertThat(this.type
			.hasConnection(prepare(Map.of("plugboard.redis.c.masterreplica.nodes", "m1:6379,r1:6379")).definition()))
			.isTrue();
		assertThat(this.type.hasConnection(prepare(Map.of("plugboard.redis.c.database", "2")).definition())).isFalse();
	}

	@Test
	void redissSwitchesTlsOnUnlessSslEnabledSaysOtherwise() {
		assertThat(prepare(Map.of("plugboard.redis.c.url", "rediss://cache1:6380")).settings().getSsl().determineEnabled())
			.isTrue();
		assertThat(prepare(Map.of("plugboard.redis.c.url", "rediss://cache1:6380", "plugboard.redis.c.ssl.enabled",
				"false"))
			.settings()
			.getSsl()
			.determineEnabled()).isFalse();
		assertThat(prepare(Map.of("plugboard.redis.c.host", "cache1", "plugboard.redis.c.ssl.bundle", "corp"))
			.settings()
			.getSsl()
			.determineEnabled()).as("naming a bundle switches TLS on, as in Spring Boot").isTrue();
	}

	@Test
	void severalHostsInTheUrlMakeACluster() {
		Prepared cache = prepare(Map.of("plugboard.redis.big-cache.url", "redis://:Pw-1@n1:7000,n2:7001,n3"));
		assertThat(cache.settings().getCluster().getNodes()).containsExactly("n1:7000", "n2:7001", "n3:6379");
		assertThat(cache.endpoint()).isEqualTo("cluster n1:7000,n2:7001,n3:6379").doesNotContain("Pw-1");
		RedisClusterConfiguration configuration = (RedisClusterConfiguration) RedisConnections
			.configuration(cache.settings());
		assertThat(configuration.getClusterNodes()).extracting(RedisNode::asString)
			.containsExactlyInAnyOrder("n1:7000", "n2:7001", "n3:6379");
		assertThat(configuration.getPassword().get()).isEqualTo("Pw-1".toCharArray());
	}

	@Test
	void sentinelSettingsMakeASentinelConfiguration() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("plugboard.redis.ha-cache.sentinel.master", "mymaster");
		values.put("plugboard.redis.ha-cache.sentinel.nodes", "s1:26379,s2:26380");
		values.put("plugboard.redis.ha-cache.sentinel.password", "Sentinel-Pw");
		values.put("plugboard.redis.ha-cache.password", "Data-Pw");
		values.put("plugboard.redis.ha-cache.database", "2");
		Prepared cache = prepare(values);
		assertThat(cache.endpoint()).isEqualTo("sentinel mymaster@s1:26379,s2:26380/2");
		RedisSentinelConfiguration configuration = (RedisSentinelConfiguration) RedisConnections
			.configuration(cache.settings());
		assertThat(configuration.getMaster().getName()).isEqualTo("mymaster");
		assertThat(configuration.getSentinels()).extracting(RedisNode::asString)
			.containsExactlyInAnyOrder("s1:26379", "s2:26380");
		assertThat(configuration.getDatabase()).isEqualTo(2);
		assertThat(configuration.getSentinelPassword().get()).isEqualTo("Sentinel-Pw".toCharArray());
		assertThat(configuration.getPassword().get()).isEqualTo("Data-Pw".toCharArray());
	}

	@Test
	void masterReplicaNodesMakeAStaticMasterReplicaConfiguration() {
		Prepared cache = prepare(Map.of("plugboard.redis.mr.masterreplica.nodes", "r1:6380,m1:6379",
				"plugboard.redis.mr.url", "redis://Mr-Pw@ignored:6379/2"));
		assertThat(cache.endpoint()).isEqualTo("master-replica r1:6380,m1:6379/2");
		RedisStaticMasterReplicaConfiguration configuration = (RedisStaticMasterReplicaConfiguration) RedisConnections
			.configuration(cache.settings());
		assertThat(configuration.getNodes()).extracting((node) -> node.getHostName() + ":" + node.getPort())
			.containsExactly("r1:6380", "m1:6379");
		assertThat(configuration.getDatabase()).isEqualTo(2);
		assertThat(configuration.getPassword().get()).isEqualTo("Mr-Pw".toCharArray());
		assertThat(cache.settings().getCluster().getNodes()).isEmpty();
	}

	@Test
	void relaxedEnvironmentVariablesDeclareDashFreeInstances() {
		StandardEnvironment environment = environment(Map.of(),
				Map.of("PLUGBOARD_REDIS_DATACACHE_HOST", "cache2", "PLUGBOARD_REDIS_DATACACHE_DATABASE", "4",
						"PLUGBOARD_REDIS_DATACACHE_CACHE_TIMETOLIVE", "5m"));
		Prepared cache = prepare(environment).get(0);
		assertThat(cache.definition().name()).isEqualTo("datacache");
		assertThat(cache.endpoint()).isEqualTo("cache2:6379/4");
		assertThat(cache.settings().getCache().getTimeToLive()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void prefixedEnvironmentVariablesSetNestedSettingsOfDashedInstances() {
		StandardEnvironment environment = environment(
				Map.of("plugboard.env-prefix", "shop", "plugboard.redis.session-cache.url", "redis://cache1:6379/0",
						"plugboard.redis.data-cache.host", "cache2"),
				Map.of("SHOP_DATA_CACHE_DATABASE", "1", "SHOP_DATA_CACHE_PASSWORD", "Env-Secret",
						"SHOP_DATA_CACHE_CACHE_TIME_TO_LIVE", "10m", "SHOP_DATA_CACHE_LETTUCE_POOL_MAX_ACTIVE", "3",
						"SHOP_SESSION_CACHE_URL", "redis://cache3:6390/5", "SHOP_DATA_CACHE_LETTUCE_READ_FROM",
						"replica-preferred"));
		new PlugboardEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
		Map<String, Prepared> instances = new LinkedHashMap<>();
		prepare(environment).forEach((prepared) -> instances.put(prepared.definition().name(), prepared));
		Prepared data = instances.get("data-cache");
		assertThat(data.endpoint()).isEqualTo("cache2:6379/1");
		assertThat(data.settings().getPassword()).isEqualTo("Env-Secret");
		assertThat(data.settings().getCache().getTimeToLive()).isEqualTo(Duration.ofMinutes(10));
		assertThat(data.settings().getLettuce().getPool().getMaxActive()).isEqualTo(3);
		assertThat(data.settings().getLettuce().getReadFrom()).isEqualTo("replica-preferred");
		assertThat(data.definition().environmentVariable("cache.time-to-live"))
			.isEqualTo("SHOP_DATA_CACHE_CACHE_TIME_TO_LIVE");
		assertThat(instances.get("session-cache").endpoint()).as("the variable wins over the property")
			.isEqualTo("cache3:6390/5");
	}

	@Test
	void readFromAcceptsBootsKebabCaseAndLettucesNames() {
		assertThat(RedisConnections.readFrom("replica-preferred")).isSameAs(ReadFrom.REPLICA_PREFERRED);
		assertThat(RedisConnections.readFrom("upstream")).isSameAs(ReadFrom.UPSTREAM);
		assertThat(RedisConnections.readFrom("lowest-latency")).isSameAs(ReadFrom.LOWEST_LATENCY);
		assertThat(RedisConnections.readFrom("anyReplica")).isSameAs(ReadFrom.ANY_REPLICA);
		assertThat(RedisConnections.readFrom("subnet:10.0.0.0/8")).isNotNull();
	}

	@Test
	void reconnectDelayIsCappedAtTheRetryInterval() {
		RedisSettings settings = new RedisSettings();
		assertThat(RedisConnections.reconnectCap(settings)).isEqualTo(Duration.ofSeconds(1));
		settings.getStartup().setRetryInterval(Duration.ofMillis(5));
		assertThat(RedisConnections.reconnectCap(settings)).isEqualTo(Duration.ofMillis(100));
		settings.getStartup().setRetryInterval(Duration.ofMinutes(5));
		assertThat(RedisConnections.reconnectCap(settings)).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void malformedUrlsNameThePropertyAndMaskThePassword() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.redis.data-cache.url", "redis://:Zecret@cache1:63x9/0")))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("'plugboard.redis.data-cache.url'")
				.contains("PLUGBOARD_REDIS_DATA_CACHE_URL")
				.contains("redis://:******@cache1:63x9/0")
				.doesNotContain("Zecret"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.redis.data-cache.url", "http://:Zecret@cache1/0")))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("unsupported scheme").doesNotContain("Zecret"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.redis.data-cache.url", "redis://:Zecret@cache1:6379/two")))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("is not a number").doesNotContain("Zecret"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.redis.data-cache.url", "redis://cache1:99999")))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("outside 1-65535"));
	}

	@Test
	void malformedUrlsWithPasswordOnlyUserInformationNeverShowIt() {
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.redis.data-cache.url", "redis://Zecret-1@cache1:63x9/0")))
			.satisfies((ex) -> assertThat(ex.getDescription() + ex.getAction())
				.contains("'plugboard.redis.data-cache.url'")
				.contains("redis://******@cache1:63x9/0")
				.doesNotContain("Zecret-1"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.redis.data-cache.url", "redis://Zecret-1@cache1:6379/two")))
			.satisfies((ex) -> assertThat(ex.getDescription() + ex.getAction()).contains("is not a number")
				.contains("redis://******@cache1:6379/two")
				.doesNotContain("Zecret-1"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.redis.data-cache.url", "http://Zecret-1@cache1/0")))
			.satisfies((ex) -> assertThat(ex.getDescription() + ex.getAction()).contains("unsupported scheme")
				.doesNotContain("Zecret-1"));
		assertThatExceptionOfType(InvalidSettingException.class)
			.isThrownBy(() -> prepare(Map.of("plugboard.redis.data-cache.url", "redis://Zecret%zz@cache1/0")))
			.satisfies((ex) -> assertThat(ex.getDescription() + ex.getAction()).contains("percent-encoding")
				.doesNotContain("Zecret"));
	}

	@Test
	void invalidSettingsAreRejectedByName() {
		assertRejected(Map.of("plugboard.redis.c.host", "cache1", "plugboard.redis.c.port", "70000"), "port",
				"outside 1-65535");
		assertRejected(Map.of("plugboard.redis.c.host", "cache1", "plugboard.redis.c.database", "-1"), "database",
				"negative");
		assertRejected(Map.of("plugboard.redis.c.cluster.nodes", "n1:7000,n2"), "cluster.nodes", "'n2'");
		assertRejected(Map.of("plugboard.redis.c.cluster.nodes", "n1:7000", "plugboard.redis.c.database", "2"),
				"database", "only database 0");
		assertRejected(Map.of("plugboard.redis.c.url", "redis://n1:7000,n2:7000/2"), "url", "only database 0");
		assertRejected(Map.of("plugboard.redis.c.sentinel.master", "mymaster"), "sentinel.nodes", "no sentinel");
		assertRejected(Map.of("plugboard.redis.c.sentinel.master", "m", "plugboard.redis.c.sentinel.nodes", "s1:0"),
				"sentinel.nodes", "'s1:0'");
		assertRejected(Map.of("plugboard.redis.c.masterreplica.nodes", "m1:6379,r1"), "masterreplica.nodes", "'r1'");
		assertRejected(Map.of("plugboard.redis.c.masterreplica.nodes", "m1:6379", "plugboard.redis.c.cluster.nodes",
				"n1:7000"), "masterreplica.nodes", "'plugboard.redis.c.cluster.nodes'");
		assertRejected(Map.of("plugboard.redis.c.masterreplica.nodes", "m1:6379", "plugboard.redis.c.sentinel.master",
				"m", "plugboard.redis.c.sentinel.nodes", "s1:26379"), "masterreplica.nodes",
				"'plugboard.redis.c.sentinel.master'");
		assertRejected(Map.of("plugboard.redis.c.host", "cache1", "plugboard.redis.c.timeout", "0s"), "timeout",
				"positive");
		assertRejected(Map.of("plugboard.redis.c.host", "cache1", "plugboard.redis.c.connect-timeout", "-1s"),
				"connect-timeout", "positive");
		assertRejected(Map.of("plugboard.redis.c.host", "cache1", "plugboard.redis.c.lettuce.pool.max-active", "0"),
				"lettuce.pool.max-active", "at least 1");
		assertRejected(Map.of("plugboard.redis.c.host", "cache1", "plugboard.redis.c.lettuce.read-from", "sideways"),
				"lettuce.read-from", "'sideways'");
	}

	@Test
	void twoPrimariesAreRejectedNamingBoth() {
		assertThatExceptionOfType(PlugboardException.class)
			.isThrownBy(() -> prepare(environment(Map.of("plugboard.redis.a.host", "cache1", "plugboard.redis.a.primary",
					"true", "plugboard.redis.b.host", "cache2", "plugboard.redis.b.primary", "true"), Map.of())))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("'plugboard.redis.a.primary'")
				.contains("'plugboard.redis.b.primary'"));
	}

	private void assertRejected(Map<String, Object> properties, String setting, String problem) {
		assertThatExceptionOfType(InvalidSettingException.class).as(setting)
			.isThrownBy(() -> prepare(properties))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("plugboard.redis.c." + setting);
				assertThat(ex.getDescription()).contains(problem);
			});
	}

	private Prepared prepare(Map<String, Object> properties) {
		return prepare(environment(properties, Map.of())).get(0);
	}

	private List<Prepared> prepare(StandardEnvironment environment) {
		return new InstanceBinder(environment).bind(this.type)
			.stream()
			.map((definition) -> new Prepared(definition, this.type.prepare(definition)))
			.toList();
	}

	private static StandardEnvironment environment(Map<String, Object> properties, Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(variables)));
		environment.getPropertySources().addLast(new MapPropertySource("application", properties));
		return environment;
	}

	private record Prepared(InstanceDefinition<RedisSettings> definition, String endpoint) {

		RedisSettings settings() {
			return this.definition.settings();
		}

	}

}
