/** Zod schemas shared by several routes (each registered once in the OpenAPI components). */
import { z } from 'zod';
import { ROLES } from '../auth/permissions.ts';

/** An instrument id as instrument files define it (e.g. sdg-10-7-2): lower-case letters, digits and hyphens. */
export const instrumentIdSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'an instrument id: lower-case letters, digits and hyphens, e.g. sdg-10-7-2');

export const roleScopeSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('global') }),
    z.object({
      kind: z.literal('area'),
      area: z.string().min(1).max(40).describe('M49 code, or a sub-national code such as 484-CMX'),
    }),
    z.object({
      kind: z.literal('group'),
      group: z.string().min(1).max(40).describe('Area or group code, e.g. 419 or an SDG region'),
    }),
  ])
  .meta({ id: 'RoleScope' });

export const roleSchema = z.enum(ROLES);

export const roleGrantSchema = z
  .object({ id: z.string().optional(), role: roleSchema, scope: roleScopeSchema, grantedAt: z.string().optional() })
  .meta({ id: 'RoleGrant' });

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    status: z.enum(['active', 'disabled']),
    lastSignInAt: z.string().optional(),
    createdAt: z.string().optional(),
  })
  .meta({ id: 'User' });

/** A user as the API shows it (no password hash, no counters). */
export function publicUser(user: {
  id: string;
  email: string;
  name: string;
  status: 'active' | 'disabled';
  lastSignInAt?: string | undefined;
  createdAt?: string | undefined;
}) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    status: user.status,
    ...(user.lastSignInAt ? { lastSignInAt: user.lastSignInAt } : {}),
    ...(user.createdAt ? { createdAt: user.createdAt } : {}),
  };
}

export const okSchema = z.object({ ok: z.literal(true) });
