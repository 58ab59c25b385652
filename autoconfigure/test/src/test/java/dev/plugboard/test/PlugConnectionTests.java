package dev.plugboard.test;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The wiring from containers to instance URLs, proven with containers that report fixed
 * addresses instead of starting (no Docker engine is needed).
 */
class PlugConnectionTests {

	@Test
	void postgresContainerGivesAUrlWithItsCredentialsAndDatabase() {
		assertThat(PlugConnections.type(Fakes.postgres())).isEqualTo("postgres");
		assertThat(PlugConnections.url("postgres", Fakes.postgres()))
			.isEqualTo("postgres://app:s3cret@docker-host:49153/users");
	}

	@Test
	void credentialsAndDatabaseArePercentEncoded() {
		String password = "p@ss:w/rd %+?#é";
		String url = PlugConnections.url("postgres", Fakes.postgres("app user", password, "sales/eu"));
		assertThat(url).isEqualTo("postgres://app%20user:p%40ss%3Aw%2Frd%20%25%2B%3F%23%C3%A9@docker-host:49153/sales%2Feu");
		URI uri = URI.create(url);
		assertThat(uri.getUserInfo()).isEqualTo("app user:" + password);
		assertThat(uri.getHost()).isEqualTo("docker-host");
		assertThat(uri.getPort()).isEqualTo(49153);
		assertThat(uri.getPath()).isEqualTo("/sales/eu");
		RabbitMQContainer rabbit = Fakes.rabbit().withAdminUser("app").withAdminPassword(password);
		URI amqp = URI.create(PlugConnections.url("rabbitmq", rabbit));
		assertThat(amqp.getRawUserInfo()).isEqualTo("app:p%40ss%3Aw%2Frd%20%25%2B%3F%23%C3%A9");
		assertThat(amqp.getUserInfo()).isEqualTo("app:" + password);
	}

	@Test
	void redisAndRabbitContainersAreRecognizedByClassOrImage() {
		assertThat(PlugConnections.type(Fakes.redis())).isEqualTo("redis");
		assertThat(PlugConnections.url("redis", Fakes.redis())).isEqualTo("redis://docker-host:49154/0");
		assertThat(PlugConnections.type(Fakes.rabbit())).isEqualTo("rabbitmq");
		assertThat(PlugConnections.url("rabbitmq", Fakes.rabbit()))
			.isEqualTo("amqp://guest:guest@docker-host:49155/");
	}

	@Test
	void unknownContainerNeedsAnExplicitType() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PlugConnections.type(new Fakes.Running<>("nginx:1.27", 80, 1)))
			.withMessageContaining("@PlugConnection(type = ");
	}

	@Test
	void annotatedFieldsPointSeveralInstancesAtTheirContainers() {
		ContextCustomizer customizer = new PlugConnectionContextCustomizerFactory()
			.createContextCustomizer(TwoDatabasesAndACache.class, List.of());
		assertThat(customizer).isNotNull();
		GenericApplicationContext context = new GenericApplicationContext();
		customizer.customizeContext(context, null);
		assertThat(context.getEnvironment().getProperty("plugboard.postgres.primary-db.url"))
			.isEqualTo("postgres://app:s3cret@docker-host:49153/users");
		assertThat(context.getEnvironment().getProperty("plugboard.postgres.analytics-db.url"))
			.isEqualTo("postgres://app:s3cret@docker-host:49153/users");
		assertThat(context.getEnvironment().getProperty("plugboard.redis.session-cache.url"))
			.isEqualTo("redis://docker-host:49154/0");
		assertThat(context.getEnvironment().getProperty("plugboard.rabbitmq.events.url"))
			.isEqualTo("amqp://guest:guest@docker-host:49155/");
	}

	@Test
	void classWithoutAnnotatedFieldsGetsNoCustomizer() {
		assertThat(new PlugConnectionContextCustomizerFactory().createContextCustomizer(String.class, List.of()))
			.isNull();
	}

	static class TwoDatabasesAndACache {

		@PlugConnection("primary-db")
		static PostgreSQLContainer primary = Fakes.postgres();

		@PlugConnection(value = "analytics-db", type = "postgres")
		static PostgreSQLContainer analytics = Fakes.postgres();

		@PlugConnection("session-cache")
		static GenericContainer<?> cache = Fakes.redis();

		@PlugConnection("events")
		static RabbitMQContainer events = Fakes.rabbit();

	}

	static final class Fakes {

		static PostgreSQLContainer postgres() {
			return postgres("app", "s3cret", "users");
		}

		static PostgreSQLContainer postgres(String username, String password, String database) {
			return new PostgreSQLContainer("postgres:16-alpine") {

				@Override
				public boolean isRunning() {
					return true;
				}

				@Override
				public String getHost() {
					return "docker-host";
				}

				@Override
				public Integer getMappedPort(int originalPort) {
					return 49153;
				}

				@Override
				public String getUsername() {
					return username;
				}

				@Override
				public String getPassword() {
					return password;
				}

				@Override
				public String getDatabaseName() {
					return database;
				}

			};
		}

		static GenericContainer<?> redis() {
			return new Running<>("redis:7-alpine", 6379, 49154);
		}

		static RabbitMQContainer rabbit() {
			return new RabbitMQContainer("rabbitmq:4-alpine") {

				@Override
				public boolean isRunning() {
					return true;
				}

				@Override
				public String getHost() {
					return "docker-host";
				}

				@Override
				public Integer getAmqpPort() {
					return 49155;
				}

				@Override
				public Integer getMappedPort(int originalPort) {
					return 49155;
				}

			};
		}

		static class Running<T extends Running<T>> extends GenericContainer<T> {

			private final String image;

			private final int exposed;

			private final int mapped;

			Running(String image, int exposed, int mapped) {
				super(image);
				this.image = image;
				this.exposed = exposed;
				this.mapped = mapped;
			}

			@Override
			public boolean isRunning() {
				return true;
			}

			@Override
			public String getHost() {
				return "docker-host";
			}

			@Override
			public String getDockerImageName() {
				return this.image;
			}

			@Override
			public Integer getMappedPort(int originalPort) {
				assertThat(originalPort).isEqualTo(this.exposed);
				return this.mapped;
			}

		}

	}

}
