package dev.plugboard.test;

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
					return "app";
				}

				@Override
				public String getPassword() {
					return "s3cret";
				}

				@Override
				public String getDatabaseName() {
					return "users";
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
