// `npm start`: the demo quick start (migrates, loads the demo organ on an empty database, serves).
import { startServer } from './server.js';

startServer({ demo: true }).catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
