package dev.plugboard.devservices;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import dev.plugboard.core.spi.ConnectionUrl;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Testcontainers path without Docker: which image each container gets, how it is configured
 * for an instance's settings, and the URL assembled from a container, proven with containers
 * that report fixed addresses instead of starting.
 */
class ContainerWiringTests {

	/** Characters that need encoding in a URL. */
	private static final String AWKWARD_PASSWORD = "p@ss:w/rd %+?#é";

	private static final DevInstance USERS = new DevInstance("postgres", "users-db", "users", "app", AWKWARD_PASSWORD,
			null);

	@Test
	void imagesHaveDefaultsAndBindFromPropertiesAndEnvironmentVariables() {
		DevServicesProperties defaults = bind(new MockEnvironment());
		assertThat(defaults.getPostgresImage()).isEqualTo("postgres:16-alpine");
		assertThat(defaults.getRedisImage()).isEqualTo("redis:7-alpine");
		assertThat(defaults.getRabbitmqImage()).isEqualTo("rabbitmq:4-alpine");
		DevServicesProperties properties = bind(new MockEnvironment()
			.withProperty("plugboard.devservices.postgres-image", "registry.acme.dev/mirror/pg:17")
			.withProperty("plugboard.devservices.redis-image", "valkey/valkey:8")
			.withProperty("plugboard.devservices.rabbitmq-image", "registry.acme.dev/mirror/mq:4"));
		assertThat(properties.getPostgresImage()).isEqualTo("registry.acme.dev/mirror/pg:17");
		assertThat(properties.getRedisImage()).isEqualTo("valkey/valkey:8");
		assertThat(properties.getRabbitmqImage()).isEqualTo("registry.acme.dev/mirror/mq:4");
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("PLUGBOARD_DEVSERVICES_POSTGRESIMAGE", "postgres:17")));
		assertThat(bind(environment).getPostgresImage()).isEqualTo("postgres:17");
	}

	@Test
	void servicesDescribeTheirContainerByImage() {
		DevServicesProperties properties = bind(
				new MockEnvironment().withProperty("plugboard.devservices.postgres-image", "postgres:17"));
		assertThat(new PostgresDevService().describe(true, properties)).isEqualTo("a PostgreSQL container (postgres:17)");
		assertThat(new RedisDevService().describe(true, properties)).isEqualTo("a Redis container (redis:7-alpine)");
		assertThat(new RabbitDevService().describe(true, properties))
			.isEqualTo("a RabbitMQ container (rabbitmq:4-alpine)");
	}

	@Test
	void postgresContainerGetsTheImageDatabaseUserAndPassword() {
		// getDockerImageName() would ask Docker to resolve the image
		DockerImageName image = PostgresDevService.Containers.image("registry.acme.dev/mirror/pg:17");
		assertThat(image.asCanonicalNameString()).isEqualTo("registry.acme.dev/mirror/pg:17");
		assertThat(image.isCompatibleWith(DockerImageName.parse("postgres"))).isTrue();
		PostgreSQLContainer container = PostgresDevService.Containers.create(USERS, "registry.acme.dev/mirror/pg:17");
		assertThat(container.getImage()).hasToString(unresolved("registry.acme.dev/mirror/pg:17"));
		assertThat(container.getDatabaseName()).isEqualTo("users");
		assertThat(container.getUsername()).isEqualTo("app");
		assertThat(container.getPassword()).isEqualTo(AWKWARD_PASSWORD);
		PostgreSQLContainer plain = PostgresDevService.Containers.create(DevInstance.named("postgres", "audit-db"),
				"postgres:16-alpine");
		assertThat(plain.getDatabaseName()).isEqualTo("audit_db");
		assertThat(plain.getUsername()).isEqualTo("test");
	}

	@Test
	void postgresContainerUrlCarriesTheCredentialsEncoded() {
		PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine") {

			@Override
			public String getHost() {
				return "docker-host";
			}

			@Override
			public Integer getMappedPort(int originalPort) {
				assertThat(originalPort).isEqualTo(5432);
				return 49153;
			}

		}.withDatabaseName("users").withUsername("app").withPassword(AWKWARD_PASSWORD);
		DevConnection connection = PostgresDevService.Containers.connection(container, "postgres:16-alpine");
		assertThat(connection.url())
			.isEqualTo("postgres://app:p%40ss%3Aw%2Frd%20%25%2B%3F%23%C3%A9@docker-host:49153/users");
		ConnectionUrl parsed = ConnectionUrl.parse(connection.url(), Set.of("postgres"));
		assertThat(parsed.username()).isEqualTo("app");
		assertThat(parsed.password()).isEqualTo(AWKWARD_PASSWORD);
		assertThat(parsed.host()).isEqualTo("docker-host");
		assertThat(parsed.port()).isEqualTo(49153);
		assertThat(parsed.path()).isEqualTo("users");
		assertThat(ConnectionUrl.mask(connection.url())).isEqualTo("postgres://app:******@docker-host:49153/users");
		assertThat(connection.description())
			.isEqualTo("PostgreSQL container postgres:16-alpine on docker-host:49153, database users")
			.doesNotContain("p@ss");
	}

	@Test
	void redisContainerRequiresThePasswordAndHasTheUserAndDatabase() {
		DevInstance instance = new DevInstance("redis", "data-cache", "20", "app", AWKWARD_PASSWORD, null);
		GenericContainer<?> container = RedisDevService.Containers.create(instance, "valkey/valkey:8");
		assertThat(container.getImage()).hasToString(unresolved("valkey/valkey:8"));
		assertThat(container.getExposedPorts()).containsExactly(6379);
		assertThat(container.getCommandParts()).containsExactly("redis-server", "--save", "", "--appendonly", "no",
				"--databases", "21", "--requirepass", AWKWARD_PASSWORD, "--user", "app", "on", ">" + AWKWARD_PASSWORD,
				"~*", "&*", "+@all");
		assertThat(RedisDevService.Containers.create(DevInstance.named("redis", "plain"), "redis:7-alpine")
			.getCommandParts()).containsExactly("redis-server", "--save", "", "--appendonly", "no");
	}

	@Test
	void redisContainerUrlCarriesTheCredentialsEncoded() {
		GenericContainer<?> container = new FixedAddressRedis();
		DevInstance passwordOnly = new DevInstance("redis", "session-cache", "3", null, AWKWARD_PASSWORD, null);
		DevConnection connection = RedisDevService.Containers.connection(container, passwordOnly, "redis:7-alpine");
		assertThat(connection.url()).isEqualTo("redis://:p%40ss%3Aw%2Frd%20%25%2B%3F%23%C3%A9@docker-host:49154/3");
		ConnectionUrl parsed = ConnectionUrl.parse(connection.url(), Set.of("redis"));
		assertThat(parsed.username()).isNull();
		assertThat(parsed.password()).isEqualTo(AWKWARD_PASSWORD);
		assertThat(parsed.path()).isEqualTo("3");
		assertThat(RedisDevService.Containers
			.connection(container, DevInstance.named("redis", "plain"), "redis:7-alpine")
			.url()).isEqualTo("redis://docker-host:49154/0");
		assertThat(connection.description()).isEqualTo("Redis container redis:7-alpine on docker-host:49154");
	}

	@Test
	void rabbitContainerGetsTheImageUserPasswordAndVirtualHost() {
		DevInstance instance = new DevInstance("rabbitmq", "events", null, "app", AWKWARD_PASSWORD, "billing");
		DockerImageName image = RabbitDevService.Containers.image("registry.acme.dev/mirror/mq:4");
		assertThat(image.isCompatibleWith(DockerImageName.parse("rabbitmq"))).isTrue();
		RabbitMQContainer container = RabbitDevService.Containers.create(instance, "registry.acme.dev/mirror/mq:4");
		assertThat(container.getImage()).hasToString(unresolved("registry.acme.dev/mirror/mq:4"));
		assertThat(container.getAdminUsername()).isEqualTo("app");
		assertThat(container.getAdminPassword()).isEqualTo(AWKWARD_PASSWORD);
		assertThat(container.getEnvMap()).containsEntry("RABBITMQ_DEFAULT_VHOST", "billing");
		RabbitMQContainer plain = RabbitDevService.Containers.create(DevInstance.named("rabbitmq", "audit"),
				"rabbitmq:4-alpine");
		assertThat(plain.getAdminUsername()).isEqualTo("guest");
		assertThat(plain.getEnvMap()).doesNotContainKey("RABBITMQ_DEFAULT_VHOST");
	}

	@Test
	void rabbitContainerUrlCarriesTheCredentialsAndVirtualHostEncoded() {
		RabbitMQContainer container = new RabbitMQContainer("rabbitmq:4-alpine") {

			@Override
			public String getHost() {
				return "docker-host";
			}

			@Override
			public Integer getAmqpPort() {
				return 49155;
			}

		}.withAdminUser("app").withAdminPassword(AWKWARD_PASSWORD);
		DevConnection connection = RabbitDevService.Containers.connection(container,
				new DevInstance("rabbitmq", "events", null, "app", AWKWARD_PASSWORD, "/billing"), "rabbitmq:4-alpine");
		assertThat(connection.url())
			.isEqualTo("amqp://app:p%40ss%3Aw%2Frd%20%25%2B%3F%23%C3%A9@docker-host:49155/%2Fbilling");
		ConnectionUrl parsed = ConnectionUrl.parse(connection.url(), Set.of("amqp"));
		assertThat(parsed.password()).isEqualTo(AWKWARD_PASSWORD);
		assertThat(parsed.path()).isEqualTo("/billing");
		assertThat(RabbitDevService.Containers
			.connection(new RabbitMQContainer("rabbitmq:4-alpine") {

				@Override
				public String getHost() {
					return "docker-host";
				}

				@Override
				public Integer getAmqpPort() {
					return 49155;
				}

			}, DevInstance.named("rabbitmq", "audit"), "rabbitmq:4-alpine")
			.url()).isEqualTo("amqp://guest:guest@docker-host:49155/");
	}

	@Test
	void containersAreReusedOnlyForTheSameInstanceImageAndSettings() {
		DevInstance other = new DevInstance("postgres", "users-db", "users", "app", "another", null);
		assertThat(PostgresDevService.Containers.key(USERS, "postgres:16-alpine"))
			.isEqualTo(PostgresDevService.Containers.key(USERS, "postgres:16-alpine"))
			.isNotEqualTo(PostgresDevService.Containers.key(USERS, "postgres:17"))
			.isNotEqualTo(PostgresDevService.Containers.key(other, "postgres:16-alpine"))
			.isNotEqualTo(PostgresDevService.Containers.key(DevInstance.named("postgres", "audit-db"),
					"postgres:16-alpine"))
			.contains("postgres:16-alpine")
			.doesNotContain(AWKWARD_PASSWORD);
		DevInstance cache = DevInstance.named("redis", "cache");
		assertThat(RedisDevService.Containers.key(cache, "redis:7-alpine"))
			.isNotEqualTo(RedisDevService.Containers.key(cache, "valkey/valkey:8"));
		DevInstance events = DevInstance.named("rabbitmq", "events");
		assertThat(RabbitDevService.Containers.key(events, "rabbitmq:4-alpine"))
			.isNotEqualTo(RabbitDevService.Containers.key(events, "rabbitmq:3-management"))
			.isNotEqualTo(RabbitDevService.Containers
				.key(new DevInstance("rabbitmq", "events", null, null, null, "billing"), "rabbitmq:4-alpine"));
	}

	static final class FixedAddressRedis extends GenericContainer<FixedAddressRedis> {

		FixedAddressRedis() {
			super("redis:7-alpine");
		}

		@Override
		public String getHost() {
			return "docker-host";
		}

		@Override
		public Integer getMappedPort(int originalPort) {
			assertThat(originalPort).isEqualTo(6379);
			return 49154;
		}

	}

	private static String unresolved(String image) {
		// how the image future describes itself before anything asks Docker
		return new RemoteDockerImage(DockerImageName.parse(image)).toString();
	}

	private static DevServicesProperties bind(org.springframework.core.env.Environment environment) {
		return Binder.get(environment).bindOrCreate("plugboard.devservices", DevServicesProperties.class);
	}

}
