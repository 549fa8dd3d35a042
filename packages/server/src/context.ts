/** What every route can reach: the database, the configuration, instruments, geography and the public cache. */
import type { Geography, InstrumentRegistry } from '@migov/core';
import type { MigovDatabase } from '@migov/db';
import type { ServerConfig } from './config.ts';
import type { PublicBodyCache } from './http/etag.ts';
import type { SharedState } from './cluster/shared-state.ts';
import type { RoleGrant, RouteAccess } from './auth/permissions.ts';

/** The signed-in user of a request. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  grants: RoleGrant[];
  /** How the request authenticated: a session cookie (CSRF applies) or a Bearer API token. */
  via: 'session' | 'token';
  sessionId?: string;
  tokenId?: string;
  csrfToken?: string;
}

/** The services shared by the routes. */
export interface AppContext {
  db: MigovDatabase;
  config: ServerConfig;
  geography: Geography;
  /** The current instrument registry (built-in plus administrator-loaded versions). */
  instruments(): InstrumentRegistry;
  /** Reload administrator-loaded instrument versions after an upload. */
  reloadInstruments(): Promise<void>;
  publicCache: PublicBodyCache;
  /** Sign-in attempt counts, pending sign-ins and change notices shared with the server's other processes. */
  shared: SharedState;
  now(): Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    migov: AppContext;
  }
  interface FastifyRequest {
    principal: Principal | undefined;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
}
