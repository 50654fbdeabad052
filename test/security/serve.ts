// A server for the sqlmap stage: the real application on a fresh SQLite database (or
// TEST_DATABASE_URL) with the demo loaded, on 127.0.0.1:<random port>. Prints `PORT <n>`.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/app.js';
import { seedDemo } from '../../src/modules/demo/demo.seed.js';
import { systemClock } from '../../src/platform/clock.js';
import { testConfig } from '../support/app.js';
import { testDb } from '../support/db.js';

const db = await testDb();
const { app, services } = await buildApp({ db: db.db, dialect: db.dialect, clock: systemClock, config: testConfig() });
await seedDemo(services);
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`PORT ${(app.server.address() as AddressInfo).port}\n`);
const stop = async () => {
  await app.close();
  await db.destroy();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
