import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { sql } from 'drizzle-orm';
import { DomainException } from '../../common/errors/domain.exception';
import { ErrorCode } from '../../common/errors/error-code.enum';
import { backoffDelay, withRetry } from '../../common/retry/retry';
import { databaseConfig, type DatabaseConfig } from '../../config/configuration';
import { bounded } from '../../common/deadline/bounded';
import {
  openEmbedded,
  openPostgres,
  type DatabaseConnection,
  type DatabaseDriver,
  type Db,
} from './database-connection';
import { isDatabaseUnavailable } from './database-errors';

export type DatabaseStatus = 'connected' | 'embedded' | 'disconnected' | 'disabled';

const CONNECT_TIMEOUT_MS = 3000;
const QUERY_TIMEOUT_MS = 5000;
const PING_TIMEOUT_MS = 1000;
/** At boot a PostgreSQL that is not up yet gets a few tries, then the service starts degraded. */
const BOOT_RETRY = { maxRetries: 2, baseDelayMs: 500, maxDelayMs: 2000, budgetMs: 10_000 };
/** Afterwards the migration is retried in the background until it succeeds. */
const BACKGROUND_RETRY = { baseDelayMs: 5000, maxDelayMs: 60_000 };

/**
 * The one connection to the history database: PostgreSQL when DATABASE_URL is set, otherwise the
 * embedded PGlite under DATA_DIR. Migrates at boot under an advisory lock. An embedded store that
 * cannot open stops the boot; an unreachable PostgreSQL leaves the service up and degraded (the
 * history answers 503) while the migration is retried in the background.
 */
@Injectable()
export class DatabaseService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Database');
  private connection: DatabaseConnection | null = null;
  private migrated = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly readyListeners: (() => void)[] = [];

  constructor(@Inject(databaseConfig.KEY) private readonly config: DatabaseConfig) {}

  get enabled(): boolean {
    return this.config.enabled;
  }

  get driver(): DatabaseDriver {
    return this.config.driver;
  }

  /** Migrated and usable (the server may still fail a query; callers handle that). */
  get ready(): boolean {
    return this.migrated && this.connection !== null;
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.enabled) return;
    if (this.config.url === undefined) {
      this.connection = await openEmbedded(this.config.dataDir);
      this.markMigrated(await this.connection.migrate());
      return;
    }
    this.connection = await openPostgres(
      this.config.url,
      { connectMs: CONNECT_TIMEOUT_MS, queryMs: QUERY_TIMEOUT_MS },
      (error) => this.logger.warn({ err: error.message }, 'idle database connection failed'),
    );
    try {
      const applied = await withRetry(
        () => this.connection!.migrate(),
        (error) => ({ retry: isDatabaseUnavailable(error) }),
        BOOT_RETRY,
      );
      this.markMigrated(applied);
    } catch (error) {
      this.logger.error(
        { err: errorText(error) },
        'database unreachable at boot: history is unavailable until it answers',
      );
      this.scheduleMigration(0);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.retryTimer);
    const connection = this.connection;
    this.connection = null;
    this.migrated = false;
    await connection?.close();
  }

  /** Called once the schema is in place (now, if it already is). */
  onReady(listener: () => void): void {
    if (this.ready) listener();
    else this.readyListeners.push(listener);
  }

  /**
   * Runs a unit of work. Not ready, or the database failing to answer, becomes
   * 503 SERVICE_UNAVAILABLE; any other error is a bug and propagates as is.
   */
  async run<T>(work: (db: Db) => Promise<T>): Promise<T> {
    const connection = this.connection;
    if (!connection || !this.migrated) throw unavailable();
    try {
      return await work(connection.db);
    } catch (error) {
      if (isDatabaseUnavailable(error)) throw unavailable(error);
      throw error;
    }
  }

  /** `SELECT 1` within a short deadline. */
  async status(): Promise<DatabaseStatus> {
    if (!this.config.enabled) return 'disabled';
    const up = this.ready && (await this.ping());
    if (!up) return 'disconnected';
    return this.driver === 'postgres' ? 'connected' : 'embedded';
  }

  private async ping(): Promise<boolean> {
    const check = await bounded(
      this.run((db) => db.execute(sql`SELECT 1`)),
      PING_TIMEOUT_MS,
    );
    return check.ok;
  }

  private markMigrated(applied: number): void {
    this.migrated = true;
    this.logger.log(
      { driver: this.driver, applied_migrations: applied },
      applied > 0 ? `database migrated (${applied} applied)` : 'database schema up to date',
    );
    for (const listener of this.readyListeners.splice(0)) listener();
  }

  private scheduleMigration(attempt: number): void {
    const delay = backoffDelay(attempt, BACKGROUND_RETRY);
    this.retryTimer = setTimeout(() => {
      const connection = this.connection;
      if (!connection) return;
      connection.migrate().then(
        (applied) => this.markMigrated(applied),
        (error: unknown) => {
          this.logger.warn({ err: errorText(error), attempt }, 'database still unreachable');
          this.scheduleMigration(attempt + 1);
        },
      );
    }, delay);
    this.retryTimer.unref();
  }
}

function unavailable(cause?: unknown): DomainException {
  return new DomainException(
    ErrorCode.SERVICE_UNAVAILABLE,
    'History is unavailable: the database cannot be reached',
    { cause, retryAfterSeconds: 30 },
  );
}

/** The driver's message only: connection strings never reach the logs. */
function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
