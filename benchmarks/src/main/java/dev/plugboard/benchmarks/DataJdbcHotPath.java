package dev.plugboard.benchmarks;

import java.util.List;
import java.util.Set;

import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.plugboard.Plug;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.annotation.Id;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.jdbc.core.convert.DataAccessStrategy;
import org.springframework.data.jdbc.core.convert.JdbcConverter;
import org.springframework.data.jdbc.core.convert.JdbcCustomConversions;
import org.springframework.data.jdbc.core.dialect.JdbcPostgresDialect;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.jdbc.repository.config.JdbcConfiguration;
import org.springframework.data.relational.RelationalManagedTypes;
import org.springframework.data.relational.core.mapping.Table;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * {@code findById} of one aggregate through the {@code JdbcAggregateTemplate} of a Plugboard
 * instance and through one built by hand on a HikariCP pool with the same settings, with the
 * factory methods Spring Data JDBC's own configuration uses.
 */
@State(Scope.Benchmark)
public class DataJdbcHotPath {

	private ConfigurableApplicationContext context;

	private JdbcAggregateTemplate plugboard;

	private HikariDataSource manualPool;

	private JdbcAggregateTemplate manual;

	@Setup(Level.Trial)
	public void setUp() {
		this.context = PostgresBench.start(App.class);
		this.plugboard = this.context.getBean(App.class).template;
		this.manualPool = PostgresBench.manualPool();
		// with the application context, as Spring Data JDBC's configuration builds it: events and callbacks
		this.manual = template(this.context, new NamedParameterJdbcTemplate(this.manualPool));
		PostgresBench.createTable(this.manualPool);
	}

	private static JdbcAggregateTemplate template(ApplicationContext context, NamedParameterJdbcTemplate operations) {
		JdbcPostgresDialect dialect = JdbcPostgresDialect.INSTANCE;
		JdbcCustomConversions conversions = JdbcConfiguration.createCustomConversions(dialect, List.of());
		JdbcMappingContext mappingContext = JdbcConfiguration
			.createMappingContext(RelationalManagedTypes.fromIterable(Set.of(BenchRow.class)), conversions, null);
		DataAccessStrategy[] strategy = new DataAccessStrategy[1];
		JdbcConverter converter = JdbcConfiguration.createConverter(mappingContext, operations,
				(identifier, path) -> strategy[0].findAllByPath(identifier, path), conversions, dialect);
		strategy[0] = JdbcConfiguration.createDataAccessStrategy(operations, converter, null, dialect);
		return new JdbcAggregateTemplate(context, mappingContext, converter, strategy[0]);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.manualPool.close();
		this.context.close();
	}

	@Benchmark
	public BenchRow plugboardFindById() {
		return this.plugboard.findById(PostgresBench.nextId(), BenchRow.class);
	}

	@Benchmark
	public BenchRow manualFindById() {
		return this.manual.findById(PostgresBench.nextId(), BenchRow.class);
	}

	/**
	 * One row of the benchmark table as an aggregate.
	 */
	@Table("plugboard_bench")
	public record BenchRow(@Id Integer id, String v) {
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class App {

		final JdbcAggregateTemplate template;

		App(@Plug("bench-db") JdbcAggregateTemplate template) {
			this.template = template;
		}

	}

}
