package dev.plugboard.benchmarks;


import com.zaxxer.hikari.HikariDataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultDSLContext;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.plugboard.Plug;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.ExceptionTranslatorExecuteListener;
import org.springframework.boot.jooq.autoconfigure.SpringTransactionProvider;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;

/**
 * A primary-key SELECT through Plugboard's {@code DSLContext} of an instance and through one
 * built by hand as Spring Boot's jOOQ auto-configuration builds its single one (a
 * transaction-aware proxy of a HikariCP pool with the same settings, Spring's transaction
 * provider and exception translator).
 */
@State(Scope.Benchmark)
public class JooqHotPath {

	private static final Table<?> TABLE = DSL.table("plugboard_bench");

	private static final Field<Integer> ID = DSL.field("id", Integer.class);

	private static final Field<String> VALUE = DSL.field("v", String.class);

	private ConfigurableApplicationContext context;

	private DSLContext plugboard;

	private HikariDataSource manualPool;

	private DSLContext manual;

	@Setup(Level.Trial)
	public void setUp() {
		this.context = PostgresBench.start(App.class);
		this.plugboard = this.context.getBean(App.class).dsl;
		this.manualPool = PostgresBench.manualPool();
		DefaultConfiguration configuration = new DefaultConfiguration();
		configuration.set(SQLDialect.POSTGRES);
		configuration.set(new DataSourceConnectionProvider(new TransactionAwareDataSourceProxy(this.manualPool)));
		configuration.set(new SpringTransactionProvider(new DataSourceTransactionManager(this.manualPool)));
		configuration.set(new DefaultExecuteListenerProvider(ExceptionTranslatorExecuteListener.DEFAULT));
		this.manual = new DefaultDSLContext(configuration);
		PostgresBench.createTable(this.manualPool);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.manualPool.close();
		this.context.close();
	}

	@Benchmark
	public String plugboardSelect() {
		return this.plugboard.select(VALUE).from(TABLE).where(ID.eq(PostgresBench.nextId())).fetchOne(VALUE);
	}

	@Benchmark
	public String manualSelect() {
		return this.manual.select(VALUE).from(TABLE).where(ID.eq(PostgresBench.nextId())).fetchOne(VALUE);
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		final DSLContext dsl;

		App(@Plug("bench-db") DSLContext dsl) {
			this.dsl = dsl;
		}

	}

}
