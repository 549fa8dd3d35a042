export { createApp, type MigovApp } from './app.ts';
export { loadConfigFromEnv, ConfigError } from './config.ts';
export { type Role, type RoleScope } from './auth/permissions.ts';
export { hashPassword } from './auth/passwords.ts';
export { createSecret, hashSecret } from './auth/tokens.ts';
export { createPasswordResetLink } from './auth/password-reset-link.ts';
export {
  startServer,
  bootstrapDatabase,
  ensureOfficialSnapshot,
  closeOnSignals,
  type StartServerOptions,
  type RunningServer,
} from './start-server.ts';
export { parseLogFormat } from './log-format.ts';
export { startCluster, runClusterWorker, parseWorkerCount, isClusterWorker } from './cluster/serve-cluster.ts';
export { countryResults, resultRounds } from './public-data/results-service.ts';
export { briefResults } from './routes/briefs.routes.ts';
export { publishedMgiProfile } from './routes/mgi.routes.ts';
