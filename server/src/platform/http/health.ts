import type { FastifyPluginAsync } from 'fastify';
import type { DialectName } from '../../db/database.js';
import { currentMigration, latestMigration } from '../../db/migrate.js';
import type { Db } from '../../db/database.js';

/** `/healthz` for load balancers and operators: the database answers and is migrated. */
export function healthRoutes(db: Db, dialect: DialectName): FastifyPluginAsync {
  return async (app) => {
    app.get('/healthz', async (_req, reply) => {
      try {
        const migration = await currentMigration(db);
        const ready = migration === latestMigration;
        return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'migrating', dialect, migration, latest_migration: latestMigration });
      } catch (error) {
        return reply.status(503).send({ status: 'unavailable', dialect, error: (error as Error).message });
      }
    });
  };
}
