package dev.plugboard;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Qualifier that selects the bean of one named instance, for example
 * {@code @Plug("analytics-db") JdbcClient analytics}.
 * <p>
 * On a user's {@code @Bean} method it assigns the returned object to that instance (a
 * RabbitMQ {@code Queue} declared on {@code events} only).
 *
 * @author Plugboard
 */
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.TYPE,
		ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@Qualifier
public @interface Plug {

	/**
	 * The instance name, as it appears in {@code plugboard.<type>.<instance>.*}.
	 * @return the instance name
	 */
	String value();

}
