import { z } from 'zod';
import { API_ERROR_CODES } from './api-error.ts';

/** The problem+json body (RFC 9457) every error answer carries. */
export const problemSchema = z
  .object({
    type: z.string().describe('URI of the problem type; the fragment is the code'),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().describe('What exactly went wrong: which field, which value, why'),
    code: z.enum(API_ERROR_CODES as [string, ...string[]]),
    instance: z.string().optional(),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem' });
