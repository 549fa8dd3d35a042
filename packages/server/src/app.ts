/**
 * The app factory: `createApp({ db, config })` returns a ready-to-use Fastify app (it never listens;
 * main.ts and the CLI's serve command do). Zod schemas on every route feed validation, types and the
 * OpenAPI 3.1 document at /api/v1/openapi.json (browsable at /api/v1/docs).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import {
  createInstrumentRegistry,
  defaultGeography,
  type Geography,
  type InstrumentRegistry,
  type InstrumentVersion,
} from '@migov/core';
import { listInstrumentVersions, type MigovDatabase } from '@migov/db';
import { DEFAULT_CONFIG, type ServerConfig } from './config.ts';
import type { AppContext } from './context.ts';
import { frameworkErrorHandler, installErrorHandlers } from './errors/error-handler.ts';
import { installAccessControl, type RegisteredRoute } from './auth/access-control.ts';
import { installProblemAnswers } from './errors/problem-answers.ts';
import { PublicBodyCache } from './http/etag.ts';
import { localSharedState, type SharedState } from './cluster/shared-state.ts';
import { API_PREFIX } from './http/api-prefix.ts';
import { multipartTextGuard, textGuard } from './http/text-guard.ts';
import { applyConnectionLimits, checkingIntervalMs } from './http/connection-limits.ts';
import { answerClientError, guardListener } from './http/last-resort.ts';
import { helmetOptions, installAnswerHeaders, webAppIndex } from './http/security-headers.ts';
import { sessionCookieName } from './auth/session-cookie.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { publicRoutes } from './routes/public.routes.ts';
import { sessionRoutes } from './routes/session.routes.ts';
import { assessmentRoutes } from './routes/assessments.routes.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { roundRoutes } from './routes/rounds.routes.ts';
import { accountRoutes } from './routes/account.routes.ts';
import { templateRoutes } from './routes/templates.routes.ts';
import { LANDING_PAGE, webRoutes, type PublicPageRenderer } from './routes/web.routes.ts';
import { importRoutes } from './routes/imports.routes.ts';
import { partnershipRoutes } from './routes/partnerships.routes.ts';
import { crosswalkRoutes } from './routes/crosswalks.routes.ts';
import { briefRoutes } from './routes/briefs.routes.ts';
import { mgiRoutes } from './routes/mgi.routes.ts';
import { indicatorRoutes } from './routes/indicators.routes.ts';
import { resultsRoutes } from './routes/results.routes.ts';
import { installMetrics } from './http/metrics.ts';

/** What createApp needs. */
export interface CreateAppOptions {
  db: MigovDatabase;
  /** Extra instrument versions beyond the built-in ones and those stored in the database. */
  registry?: InstrumentRegistry;
  /** Fastify's pino logger options, or false for none (the default in tests). */
  logger?: FastifyServerOptions['logger'];
  config?: Partial<ServerConfig>;
  geography?: Geography;
  /** The clock (tests move it to check expiry). */
  now?: () => Date;
  /** State shared with the other processes serving the database (default: this process only). */
  shared?: SharedState;
  /** Draws the web app's public pages on the server (the web app's renderer; without it every page starts as index.html). */
  renderPage?: PublicPageRenderer;
}

/** Log levels at which Fastify logs every request. */
const REQUEST_LOG_LEVELS = new Set(['trace', 'debug', 'info']);

/** The app plus the list of its routes with their declared access. */
export type MigovApp = FastifyInstance & { routesWithAccess: readonly RegisteredRoute[] };

/** Build the app. Call `await app.ready()` (inject does it) before use, and `app.close()` at the end. */
export async function createApp(options: CreateAppOptions): Promise<MigovApp> {
  const config: ServerConfig = { ...DEFAULT_CONFIG, ...options.config };
  let answerDirectly: (request: IncomingMessage, response: ServerResponse) => boolean = () => false;
  const limits = config.connections;
  // The app's logger, for the listener wrapped around the framework (set once the app exists).
  const logger: { current?: FastifyBaseLogger } = {};
  const app = Fastify({
    // The server of a listening app (inject() does not use it): it sends remembered public answers
    // before the framework (set below), applies the connection limits, and answers 500 for anything
    // its listener throws, so that no request can end the process.
    serverFactory: (handler) => {
      const server = createServer(
        { connectionsCheckingInterval: checkingIntervalMs(limits) },
        guardListener(
          (request, response) => {
            connections.track(request, response);
            if (!answerDirectly(request, response)) handler(request, response);
          },
          () => logger.current!,
        ),
      );
      // Requests arrive only once the server listens, after this line.
      const connections = applyConnectionLimits(server, limits);
      return server;
    },
    // Errors raised before routing and on the connection answer problem+json like every other.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler(error, socket) {
      answerClientError(error, socket, logger.current!);
    },
    logger: options.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: config.maxUploadBytes,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    ajv: { customOptions: { removeAdditional: false } },
  });
  logger.current = app.log;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const extra: InstrumentVersion[] = options.registry ? [...options.registry.list()] : [];
  let registry = createInstrumentRegistry(extra);
  const shared = options.shared ?? localSharedState();
  const context: AppContext = {
    db: options.db,
    config,
    geography: options.geography ?? defaultGeography,
    instruments: () => registry,
    async reloadInstruments() {
      const stored = await listInstrumentVersions(options.db);
      registry = createInstrumentRegistry([...extra, ...stored.map((entry) => entry.instrument)]);
    },
    publicCache: new PublicBodyCache(
      undefined,
      undefined,
      () => context.now().getTime(),
      () => shared.announceChange(),
    ),
    shared,
    now: options.now ?? (() => new Date()),
  };
  // Public data changed through another process of this server: drop cached bodies, reload instruments.
  shared.onChange(async () => {
    context.publicCache.drop();
    await context.reloadInstruments();
  });
  app.decorate('migov', context);
  app.addHook('onReady', async () => {
    try {
      await context.reloadInstruments();
    } catch (error) {
      // An unmigrated database has no instrument table yet; /ready reports it.
      app.log.warn({ err: error }, 'could not load stored instrument versions');
    }
  });

  installErrorHandlers(app);
  // Security headers first, so that every answer of the framework carries them (remembered ones too: etag.ts).
  await app.register(
    helmet,
    helmetOptions(
      config.publicUrl,
      [LANDING_PAGE, webAppIndex(config.webRoot)].filter((page): page is string => page !== undefined),
    ),
  );
  installAnswerHeaders(app);
  // The cookie parser's onRequest hook must run before the authentication hook.
  await app.register(cookie);
  const routes = installAccessControl(app);
  installProblemAnswers(app);
  app.addHook('preValidation', textGuard);
  // A public GET answered before from the cache is answered again at once: after the hooks above,
  // before parsing, validation and the handler (only public routes' answers are remembered).
  app.addHook('onRequest', (request, reply, done) => {
    if (request.method !== 'GET' || !context.publicCache.answerFor(request, reply)) done();
  });
  // Before the framework only while request logs are off (MIGOV_LOG_LEVEL above info): an answer
  // sent there is not logged, so with request logs on every answer goes through Fastify.
  answerDirectly = (request, response) =>
    !REQUEST_LOG_LEVELS.has(app.log.level) && context.publicCache.answerDirectly(request, response);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'migov API',
        version: '1.0.0',
        description:
          'SDG 10.7.2 / MiGOF assessments, scores and open data. Errors are RFC 9457 problem+json (codes in docs/errors.md). ' +
          'Cookie sessions need the X-CSRF-Token header on unsafe methods; API tokens go in "Authorization: Bearer".',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(config) },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  // The API browser (a third-party page) adds style elements as it renders: its pages alone may use
  // inline styles (never inline scripts).
  await app.register(swaggerUi, {
    routePrefix: `${API_PREFIX}/docs`,
    transformStaticCSP: (header) => header.replace(/style-src [^;]*/, "style-src 'self' 'unsafe-inline'"),
  });

  // Request counts and durations, and GET /metrics, only when a token may read them.
  if (config.metricsToken) installMetrics(app, context, config.metricsToken);
  await app.register(healthRoutes);
  await app.register(publicRoutes, { prefix: API_PREFIX });
  await app.register(resultsRoutes, { prefix: API_PREFIX });
  await app.register(sessionRoutes, { prefix: API_PREFIX });
  // Multipart bodies (evidence files) only where they are taken: its per-request hooks stay off every other route.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { fileSize: config.maxEvidenceBytes, files: 1, fields: 10, fieldSize: 64 * 1024, parts: 12 },
      throwFileSizeLimit: true,
    });
    scope.addHook('preHandler', multipartTextGuard);
    await scope.register(assessmentRoutes, { prefix: API_PREFIX });
  });
  await app.register(adminRoutes, { prefix: API_PREFIX });
  await app.register(roundRoutes, { prefix: API_PREFIX });
  await app.register(accountRoutes, { prefix: API_PREFIX });
  await app.register(templateRoutes, { prefix: API_PREFIX });
  await app.register(importRoutes, { prefix: API_PREFIX });
  await app.register(partnershipRoutes, { prefix: API_PREFIX });
  await app.register(crosswalkRoutes, { prefix: API_PREFIX });
  await app.register(briefRoutes, { prefix: API_PREFIX });
  await app.register(mgiRoutes, { prefix: API_PREFIX });
  await app.register(indicatorRoutes, { prefix: API_PREFIX });
  await app.register(webRoutes, { webRoot: config.webRoot, renderPage: options.renderPage });

  return Object.assign(app, { routesWithAccess: routes }) as unknown as MigovApp;
}
