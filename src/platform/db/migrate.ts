import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { DialectName } from './dialect.js';
import * as m0001 from './migrations/0001_foundation.js';
import * as m0002 from './migrations/0002_catalogue.js';
import * as m0003 from './migrations/0003_search.js';
import * as m0004 from './migrations/0004_outbox_channels.js';
import * as m0005 from './migrations/0005_attachments.js';
import * as m0006 from './migrations/0006_organ_settings.js';
import * as m0007 from './migrations/0007_requests.js';
import * as m0008 from './migrations/0008_search_tuning.js';
import * as m0009 from './migrations/0009_publication_keywords.js';
import * as m0010 from './migrations/0010_appeals_imports.js';
import * as m0011 from './migrations/0011_casework.js';
import * as m0012 from './migrations/0012_api_tokens.js';
import * as m0013 from './migrations/0013_reports.js';
import * as m0014 from './migrations/0014_search_pg_speed.js';
import * as m0015 from './migrations/0015_search_pg_ngrams.js';
import * as m0016 from './migrations/0016_outbox_organ.js';
import * as m0018 from './migrations/0018_item_page.js';
import * as m0019 from './migrations/0019_search_sqlite_prefix.js';
import * as m0020 from './migrations/0020_search_pg_terms.js';
import * as m0021 from './migrations/0021_search_sqlite_titles.js';
import * as m0022 from './migrations/0022_search_pg_char_years.js';
import * as m0023 from './migrations/0023_search_plain_bodies.js';
import * as m0024 from './migrations/0024_search_pg_bigram_years.js';

interface MigrationModule {
  up(db: Kysely<unknown>, d: DialectName): Promise<void>;
  down?(db: Kysely<unknown>, d: DialectName): Promise<void>;
}

/** Every migration, in order. Written once, run on both databases. */
const MIGRATIONS: Record<string, MigrationModule> = {
  '0001_foundation': m0001,
  '0002_catalogue': m0002,
  '0003_search': m0003,
  '0004_outbox_channels': m0004,
  '0005_attachments': m0005,
  '0006_organ_settings': m0006,
  '0007_requests': m0007,
  '0008_search_tuning': m0008,
  '0009_publication_keywords': m0009,
  '0010_appeals_imports': m0010,
  '0011_casework': m0011,
  '0012_api_tokens': m0012,
  '0013_reports': m0013,
  '0014_search_pg_speed': m0014,
  '0015_search_pg_ngrams': m0015,
  '0016_outbox_organ': m0016,
  '0018_item_page': m0018,
  '0019_search_sqlite_prefix': m0019,
  '0020_search_pg_terms': m0020,
  '0021_search_sqlite_titles': m0021,
  '0022_search_pg_char_years': m0022,
  '0023_search_plain_bodies': m0023,
  '0024_search_pg_bigram_years': m0024,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly dialect: DialectName) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const out: Record<string, Migration> = {};
    for (const [name, mod] of Object.entries(MIGRATIONS)) {
      const down = mod.down;
      out[name] = {
        up: (db) => mod.up(db, this.dialect),
        ...(down ? { down: (db: Kysely<unknown>) => down(db, this.dialect) } : {}),
      };
    }
    return out;
  }
}

/** Brings the schema to the latest version; returns the names of the migrations applied now. */
// biome-ignore lint/suspicious/noExplicitAny: migrations run on any database type
export async function migrateToLatest(db: Kysely<any>, dialect: DialectName): Promise<string[]> {
  // modules are developed side by side, so a database may have run a later-numbered migration
  // before an earlier-numbered one lands; each migration only depends on those of the foundation
  const migrator = new Migrator({ db, provider: new StaticProvider(dialect), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String((error as Error).message ?? error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
