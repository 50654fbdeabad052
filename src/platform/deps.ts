import type { Config } from '../config.js';
import type { Clock } from './clock.js';
import type { Db } from './db/connect.js';
import type { DialectName } from './db/dialect.js';

/** What every service is built from. */
export interface Deps {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  config: Config;
}
