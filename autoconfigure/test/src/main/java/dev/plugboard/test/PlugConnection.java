package dev.plugboard.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points one named instance at a Testcontainers container, in the style of Spring Boot's
 * {@code @ServiceConnection}: put it on a {@code static} container field of a test class, one
 * line per instance.
 *
 * <pre class="code">
 * &#064;Container &#064;PlugConnection("primary-db")
 * static PostgreSQLContainer primary = new PostgreSQLContainer("postgres:16-alpine");
 *
 * &#064;Container &#064;PlugConnection("session-cache")
 * static GenericContainer&lt;?&gt; cache = new GenericContainer&lt;&gt;("redis:7-alpine").withExposedPorts(6379);
 * </pre>
 *
 * The container is started if it is not running yet, and {@code plugboard.<type>.<name>.url}
 * is set from its host, mapped port and credentials.
 *
 * @author Plugboard
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PlugConnection {

	/**
	 * The instance name.
	 * @return the name
	 */
	String value();

	/**
	 * The instance type ({@code postgres}, {@code redis}, {@code rabbitmq}); inferred from the
	 * container when empty.
	 * @return the type
	 */
	String type() default "";

}
