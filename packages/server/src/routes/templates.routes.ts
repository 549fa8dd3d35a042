/** Excel templates of an assessment: download, fill in offline, upload back. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** Template routes under /api/v1. */
export const templateRoutes: FastifyPluginAsyncZod = async () => {};
