package dev.plugboard.samples.service.users;

import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.plugboard.Plugboard;
import dev.plugboard.core.InstanceGroup;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.json.JsonTest;
import org.springframework.boot.test.json.JacksonTester;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Slices that have nothing to do with stores stay free of them in an application that declares
 * five instances (the sample's): no pool, no client, no instance, no dev server, no Plugboard
 * thread. The controller's collaborator is the slice's usual mock.
 */
class StoreFreeSlicesTests {

	static void noStores(ApplicationContext context) {
		assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
		assertThat(context.getBeansOfType(RedisConnectionFactory.class)).isEmpty();
		assertThat(context.getBeansOfType(org.springframework.amqp.rabbit.connection.ConnectionFactory.class)).isEmpty();
		assertThat(context.getBeansOfType(InstanceGroup.class)).isEmpty();
		assertThat(context.getBeansOfType(Plugboard.class)).isEmpty();
		assertThat(Thread.getAllStackTraces().keySet()).noneMatch((thread) -> thread.getName().startsWith("plugboard-"));
	}

	@Nested
	@WebMvcTest(controllers = UserController.class,
			properties = "plugboard.devservices.enabled=true")
	class WebMvc {

		@Autowired
		ApplicationContext context;

		@Autowired
		MockMvc mvc;

		@MockitoBean
		UserService users;

		@Test
		void theControllerAnswersWithoutAnyStore() throws Exception {
			given(this.users.find(7)).willReturn(Optional.of(new UserView(7L, "ada@example.com", "Ada", Instant.EPOCH)));
			this.mvc.perform(get("/users/7"))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.displayName").value("Ada"));
			noStores(this.context);
		}

	}

	@Nested
	@JsonTest
	class Json {

		@Autowired
		ApplicationContext context;

		@Autowired
		JacksonTester<UserView> json;

		@Test
		void jsonIsWrittenWithoutAnyStore() throws Exception {
			assertThat(this.json.write(new UserView(7L, "ada@example.com", "Ada", Instant.EPOCH)))
				.extractingJsonPathStringValue("$.email")
				.isEqualTo("ada@example.com");
			noStores(this.context);
		}

	}

}
