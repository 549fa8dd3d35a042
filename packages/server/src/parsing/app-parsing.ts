/** The parsing pool of an app (one per app, shared by its routes, stopped when the app closes) and how its failures are answered. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { ApiError } from '../errors/api-error.ts';
import { LimitExceededError } from './limits.ts';
import { ParsePool, ParserBusyError } from './parse-pool.ts';

const pools = new WeakMap<AppContext, ParsePool>();

/** The app's parsing pool; call while registering a plugin (the first caller stops the pool when the app closes). */
export function parsingPool(app: FastifyInstance): ParsePool {
  const existing = pools.get(app.migov);
  if (existing) return existing;
  const pool = new ParsePool(app.migov.config.parsing);
  pools.set(app.migov, pool);
  app.addHook('onClose', async () => pool.close());
  return pool;
}

/** The problem for a bound hit while parsing (`file`: the name given with the upload, if any), or for a busy pool; other errors are returned as they are. */
export function parsingProblem(error: unknown, file?: string): unknown {
  if (error instanceof LimitExceededError) {
    const { message, ...exceeded } = error.exceeded;
    return new ApiError('upload-limit-exceeded', `${file ? `${file}: ` : ''}${message}; nothing was changed`, {
      ...(file ? { file } : {}),
      ...exceeded,
    });
  }
  if (error instanceof ParserBusyError)
    return new ApiError(
      'parser-busy',
      error.message,
      { retryAfter: error.retryAfterSeconds },
      { 'retry-after': String(error.retryAfterSeconds) },
    );
  return error;
}
