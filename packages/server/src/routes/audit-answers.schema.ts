/**
 * The audit log's entries as `GET /audit` answers them: each action the platform records has its own
 * details (a discriminated union by `action`); an entry whose action or details have no known shape
 * (written by an earlier version, or by a tool) is answered as it is stored, its details a free-form record.
 */
import { z } from 'zod';
import { roleScopeSchema } from '../http/schemas.ts';

const entryFields = {
  id: z.string(),
  at: z.string(),
  actorId: z.string().optional(),
  targetType: z.string().optional(),
  targetId: z.string().optional(),
};

/** The entries of one or more actions, with the details they record. */
function entryOf<const Actions extends readonly [string, ...string[]], Details extends z.ZodRawShape>(
  actions: Actions,
  details: Details,
) {
  return z.strictObject({ ...entryFields, action: z.enum(actions), details: z.strictObject(details) });
}

const ip = z.string().describe('The address the request came from');
const changeOf = <Shape extends z.ZodRawShape>(shape: Shape) => ({
  before: z.strictObject(shape),
  after: z.strictObject(shape),
});
const grantFields = { grantId: z.string(), role: z.string(), scope: roleScopeSchema };

const knownEntrySchema = z.discriminatedUnion('action', [
  entryOf(['bootstrap.admin'], { email: z.string() }),
  entryOf(['sign-in.success'], { ip, method: z.string().describe('password, api-token or oidc') }),
  entryOf(['sign-in.failure'], {
    ip,
    reason: z
      .string()
      .describe('wrong-password, unknown-email, disabled, no-active-account, or what the identity provider said'),
    method: z.string().optional(),
  }),
  entryOf(['sign-in.rate-limited'], { email: z.string() }),
  entryOf(['sign-in.throttled'], { ip, retryAfter: z.number().describe('Seconds until the next attempt') }),
  z.strictObject({
    ...entryFields,
    action: z.enum(['sign-out', 'api-token.revoke', 'instrument.load', 'invitation.revoke']),
  }),
  entryOf(['api-token.create'], { name: z.string() }),
  entryOf(['user.preferences'], changeOf({ preferredLanguage: z.string() })),
  entryOf(['user.update', 'user.disable', 'user.enable'], changeOf({ name: z.string(), status: z.string() })),
  entryOf(['role.grant'], { ...grantFields, invitationId: z.string().optional() }),
  entryOf(['role.revoke'], grantFields),
  entryOf(['invitation.create'], { email: z.string(), role: z.string(), scope: roleScopeSchema, language: z.string() }),
  entryOf(['invitation.accept'], { email: z.string(), as: z.enum(['new-account', 'signed-in']) }),
  entryOf(['invitation.renew'], { expiresAt: z.string() }),
  entryOf(['password-reset.request'], { ip: ip.optional(), via: z.string().optional() }),
  entryOf(['password-reset.use'], { resetId: z.string(), endedSessions: z.number().int() }),
  entryOf(['round.create'], {
    year: z.number().int(),
    instrument: z.string(),
    version: z.string(),
    opensOn: z.string(),
    closesOn: z.string(),
  }),
  entryOf(['round.reopen'], {
    before: z.strictObject({ closesOn: z.string(), closedAt: z.string().nullable(), status: z.string() }),
    after: z.strictObject({ closesOn: z.string(), closedAt: z.null() }),
  }),
  entryOf(['round.close'], { closesOn: z.string(), closedAt: z.string() }),
  entryOf(['observations.import'], {
    source: z.strictObject({ name: z.string(), format: z.string(), importedAt: z.string() }),
    count: z.number().int(),
  }),
  entryOf(['indicators.import'], {
    name: z.string(),
    format: z.string(),
    added: z.number().int(),
    replaced: z.number().int(),
  }),
  entryOf(['workbook.export'], { lockVersion: z.number().int() }),
  entryOf(['workbook.refused'], { problems: z.number().int().describe('How many problems the workbook had') }),
  entryOf(['workbook.import'], { changed: z.number().int(), lockVersion: z.number().int() }),
]);

/** An entry as it is stored, when its action or details have no known shape. */
const otherEntrySchema = z.object({
  ...entryFields,
  action: z.string(),
  details: z.record(z.string(), z.unknown()).optional().describe('Free-form: as the action recorded them'),
});

/** One audit entry: a known action with its details, else the entry as stored. */
export const auditEntrySchema = z.union([knownEntrySchema, otherEntrySchema]).meta({
  id: 'AuditEntry',
  description: 'One audit entry: a known action with the details it records, else the entry as stored',
});
