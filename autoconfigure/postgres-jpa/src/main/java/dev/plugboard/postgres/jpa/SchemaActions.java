package dev.plugboard.postgres.jpa;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.hibernate.boot.Metadata;
import org.hibernate.boot.spi.BootstrapContext;
import org.hibernate.cfg.SchemaToolingSettings;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.service.spi.SessionFactoryServiceRegistry;
import org.hibernate.tool.schema.Action;
import org.hibernate.tool.schema.spi.DelayedDropAction;
import org.hibernate.tool.schema.spi.SchemaManagementToolCoordinator;
import org.jspecify.annotations.Nullable;

/**
 * Runs Hibernate's schema action of one instance when the instance answers: Hibernate hands the
 * mapping metadata to this integrator at bootstrap, and the action is applied later, after the
 * instance's Flyway migrations, instead of while the EntityManagerFactory is built.
 *
 * @author Plugboard
 */
final class SchemaActions implements Integrator {

	private static final Log logger = LogFactory.getLog(SchemaActions.class);

	private final String instance;

	private volatile @Nullable Metadata metadata;

	private volatile @Nullable SessionFactoryImplementor sessionFactory;

	private volatile @Nullable DelayedDropAction dropOnClose;

	private volatile boolean created;

	SchemaActions(String instance) {
		this.instance = instance;
	}

	@Override
	public void integrate(Metadata metadata, BootstrapContext bootstrapContext,
			SessionFactoryImplementor sessionFactory) {
		this.metadata = metadata;
		this.sessionFactory = sessionFactory;
	}

	@Override
	public void disintegrate(SessionFactoryImplementor sessionFactory, SessionFactoryServiceRegistry serviceRegistry) {
		DelayedDropAction drop = this.dropOnClose;
		if (drop != null) {
			drop.perform(serviceRegistry);
		}
	}

	synchronized void apply(String ddlAuto) {
		Metadata metadata = this.metadata;
		SessionFactoryImplementor sessionFactory = this.sessionFactory;
		if (metadata == null || sessionFactory == null) {
			throw new IllegalStateException("The EntityManagerFactory of postgres instance '" + this.instance
					+ "' has not been built");
		}
		Action action = switch (ddlAuto) {
			case "validate" -> Action.VALIDATE;
			case "update" -> Action.UPDATE;
			case "create" -> Action.CREATE;
			case "create-drop" -> Action.CREATE_DROP;
			default -> Action.NONE;
		};
		if (action == Action.NONE || ((action == Action.CREATE || action == Action.CREATE_DROP) && this.created)) {
			// create runs once per application run, not again after each outage
			return;
		}
		SchemaManagementToolCoordinator.process(metadata, sessionFactory.getServiceRegistry(),
				Map.of(SchemaToolingSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, action,
						SchemaToolingSettings.JAKARTA_HBM2DDL_SCRIPTS_ACTION, Action.NONE),
				(drop) -> this.dropOnClose = drop);
		this.created = true;
		logger.debug("Applied schema action " + ddlAuto + " to postgres instance '" + this.instance + "'");
	}

}
