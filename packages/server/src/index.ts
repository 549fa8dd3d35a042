export { createApp, API_PREFIX, type CreateAppOptions, type MigovApp } from './app.ts';
export { DEFAULT_CONFIG, loadConfigFromEnv, ConfigError, type ServerConfig, type OidcConfig } from './config.ts';
export {
  ApiError,
  API_ERRORS,
  API_ERROR_CODES,
  toProblem,
  type ApiErrorCode,
  type ProblemDocument,
} from './errors/api-error.ts';
export {
  ROLES,
  ROLE_PERMISSIONS,
  PERMISSIONS,
  TRANSITION_PERMISSIONS,
  isAllowed,
  scopeCovers,
  type Permission,
  type Role,
  type RoleGrant,
  type RoleScope,
  type RouteAccess,
} from './auth/permissions.ts';
export { hashPassword, verifyPassword, MIN_PASSWORD_LENGTH } from './auth/passwords.ts';
export { createSecret, hashSecret } from './auth/tokens.ts';
export { createPasswordResetLink, type PasswordResetLink } from './auth/password-reset-link.ts';
export type { RegisteredRoute } from './auth/access-control.ts';
export type { AppContext, Principal } from './context.ts';
export {
  startServer,
  bootstrapDatabase,
  ensureOfficialSnapshot,
  reportBootstrap,
  closeOnSignals,
  type StartServerOptions,
  type RunningServer,
  type BootstrapResult,
} from './start-server.ts';
export { parseLogFormat, textLogStream, LOG_FORMATS, type LogFormat } from './log-format.ts';
export {
  startCluster,
  runClusterWorker,
  parseWorkerCount,
  isClusterWorker,
  type RunningCluster,
} from './cluster/serve-cluster.ts';
export { localSharedState, type SharedState } from './cluster/shared-state.ts';
export {
  countryResults,
  resultRounds,
  roundAggregates,
  shownObservations,
  snapshotView,
  SDG_10_7_2,
} from './public-data/results-service.ts';
export { briefResults } from './routes/briefs.routes.ts';
