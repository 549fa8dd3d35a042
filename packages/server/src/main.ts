/**
 * Run the API server from environment variables: DATABASE_URL, HOST (127.0.0.1), PORT (8080),
 * MIGOV_DEMO=0 to skip demo data, and the MIGOV_* settings of docs/security.md.
 * `npx tsx packages/server/src/main.ts`
 */
import { DEFAULT_DATABASE_URL } from '@migov/db';
import { closeOnSignals, startServer } from './start-server.ts';

const port = Number(process.env.PORT ?? 8080);
const server = await startServer({
  databaseUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
  host: process.env.HOST ?? '127.0.0.1',
  port: Number.isInteger(port) ? port : 8080,
  demo: process.env.MIGOV_DEMO !== '0',
  ...(process.env.MIGOV_ADMIN_PASSWORD ? { adminPassword: process.env.MIGOV_ADMIN_PASSWORD } : {}),
  ...(process.env.MIGOV_ADMIN_EMAIL ? { adminEmail: process.env.MIGOV_ADMIN_EMAIL } : {}),
  ...(process.env.MIGOV_WEB_ROOT ? { webRoot: process.env.MIGOV_WEB_ROOT } : {}),
});
process.stdout.write(`migov is running: open ${server.url}/ (API docs: ${server.url}/api/v1/docs)\n`);
closeOnSignals(server);
