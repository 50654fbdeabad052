import { buildApp } from './app.js';
import { type Config, loadConfig } from './config.js';
import { appJobs } from './jobs.js';
import { demoLoginsText, isDemoLoaded, seedDemo } from './modules/demo/demo.seed.js';
import { systemClock } from './platform/clock.js';
import { connect } from './platform/db/connect.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { startJobs } from './platform/jobs/jobs.js';

/** config → db → migrate → (demo) → listen. */
export async function startServer(opts: { demo: boolean; config?: Config }) {
  const started = performance.now();
  const config = opts.config ?? loadConfig();
  const h = connect(config.databaseUrl, { batchReads: config.batchReads });
  const applied = await migrateToLatest(h.db, h.dialect);
  const { app, services } = await buildApp(
    { db: h.db, dialect: h.dialect, clock: systemClock, config },
    { logger: { level: config.logLevel }, pageCache: config.pageCache === false ? false : {} },
  );
  if (applied.length) app.log.info({ applied }, 'database migrated');
  if (opts.demo) {
    const loaded = await seedDemo(services, (r) => {
      if (r.items) app.log.info({ ...r }, 'demo years loaded');
    });
    if (loaded) app.log.info('demo data loaded');
  }
  await app.listen({ port: config.port, host: config.host });
  const jobs = startJobs(appJobs(services), app.log);
  const address = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  const ms = Math.round(performance.now() - started);
  const lines = [`Gongkai 已启动：${address}  （数据库：${h.dialect}，启动用时 ${ms} ms）`];
  if (opts.demo && (await isDemoLoaded(services))) lines.push(`工作人员登录：${address}/staff/login`, demoLoginsText());
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    jobs.stop();
    await app.close();
    // a delivery under way is finished and recorded, not left to its lease (sent twice)
    await services.outbox.stop();
    await h.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  return { app, services, db: h };
}
