/**
 * A seeded database at the size of the real world, for benchmarks and scale tests: every country and
 * territory of the M49 geography, every SDG 10.7.2 round since 2019 with five future rounds, 5,000
 * local MGI-style jurisdictions, 50,000 users and ten years of history (revisions, MGI answer
 * history and process events, audit log), as the data layer records them. `scale` shrinks every
 * count (not the rounds) so a test can run it small.
 *
 * Rows go in by bulk inserts that follow the schema and the repositories' rules (one revision per
 * change with before and after, publications scored by core, processes moved by core's MGI
 * workflow). Everything, ids and timestamps included, follows from the seed: the same seed gives the
 * same rows.
 */
import {
  applyMgiAction,
  listAreas,
  MGI_LOCAL_EXAMPLE,
  scoreAssessment,
  SDG_10_7_2_V2019,
  seededRandom,
  startMgiProcess,
  type AssessmentState,
  type InstrumentVersion,
  type MgiProcess,
  type MgiProcessAction,
  type Role,
} from '@migov/core';
import type { Insertable } from 'kysely';
import { inTransaction, type MigovDatabase } from '../database.ts';
import { toPublishedResults } from '../publications/published-results.ts';
import { writeJson } from '../schema/codec.ts';
import type { Schema } from '../schema/schema.ts';
import { TABLES, type TableName } from '../schema/tables.ts';

/** The real world's size (scale 1). */
export const WORLD_SIZE = {
  localJurisdictions: 5_000,
  users: 50_000,
  /** Years of history before `now`. */
  historyYears: 10,
  /** Rounds after the current one. */
  futureRounds: 5,
} as const;

/** The 10.7.2 rounds: every second year since 2019; the current round is the last one open at `now`. */
const WORLD_FIRST_ROUND = 2019;

/** Options of generateWorld. */
export interface WorldOptions {
  seed: number;
  /** A fraction of the real world's counts (default 1); rounds are never scaled. */
  scale?: number;
  /** The moment the history ends (default 2026-12-01). */
  now?: string;
  /** Called as each part is written: what, rows written so far, and the rows the part will hold. */
  onProgress?: (part: string, done: number, total: number) => void;
}

/** What was generated. */
export interface WorldSummary {
  countries: number;
  localJurisdictions: number;
  users: number;
  rounds: { id: string; year: number; current: boolean; future: boolean }[];
  /** The current round (open at `now`), where the review queue is. */
  currentRoundId: string;
  /** Row counts per table. */
  rows: Partial<Record<TableName, number>>;
  /** Users a benchmark can act as (global roles), by role. */
  actors: Record<'administrator' | 'reviewer' | 'national-coordinator', string>;
  /** A focal point of one country, and that country. */
  focalPoint: { userId: string; area: string };
}

/** The email domain of generated users (`.invalid`: mail to it can never be delivered). */
const WORLD_EMAIL_DOMAIN = 'world.migov.invalid';

const DAY = 86_400_000;

/** A deterministic UUID (version 4 layout) from the seeded generator. */
function idMaker(random: () => number): () => string {
  const hex = () =>
    Math.floor(random() * 0x1_0000_0000)
      .toString(16)
      .padStart(8, '0');
  return () => {
    const a = hex();
    const b = hex();
    const c = hex();
    const d = hex();
    return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((Number.parseInt(c[0]!, 16) & 3) | 8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
  };
}

/** Insert rows in batches that stay under both dialects' limits on bound parameters, one transaction per batch group. */
class BulkWriter {
  readonly rows: Partial<Record<TableName, number>> = {};
  private readonly pending = new Map<TableName, Record<string, unknown>[]>();
  constructor(
    private readonly db: MigovDatabase,
    private readonly progress: (part: string, done: number, total: number) => void,
    private readonly totals: Map<TableName, number>,
  ) {}

  async add<T extends TableName>(table: T, row: Insertable<Schema[T]>): Promise<void> {
    const list = this.pending.get(table) ?? [];
    this.pending.set(table, list);
    list.push(row as Record<string, unknown>);
    const columns = Object.keys(TABLES[table]).length;
    if (list.length >= Math.max(1, Math.floor(30_000 / columns)) * 4) await this.flush(table);
  }

  async flush(only?: TableName): Promise<void> {
    // Parents first (the order of TABLES), so foreign keys hold.
    const tables = (Object.keys(TABLES) as TableName[]).filter(
      (table) => (only === undefined || table === only) && (this.pending.get(table)?.length ?? 0) > 0,
    );
    if (only !== undefined) {
      // A child's batch may refer to parents still pending: write those first.
      const parents: TableName[] = [];
      for (const table of Object.keys(TABLES) as TableName[]) {
        if (table === only) break;
        if ((this.pending.get(table)?.length ?? 0) > 0) parents.push(table);
      }
      tables.unshift(...parents);
    }
    if (tables.length === 0) return;
    await inTransaction(this.db, async (trx) => {
      for (const table of tables) {
        const list = this.pending.get(table) ?? [];
        this.pending.set(table, []);
        const size = Math.max(1, Math.floor(30_000 / Object.keys(TABLES[table]).length));
        for (let start = 0; start < list.length; start += size)
          await trx
            .insertInto(table)
            .values(list.slice(start, start + size) as never)
            .execute();
        this.rows[table] = (this.rows[table] ?? 0) + list.length;
        this.progress(table, this.rows[table], Math.max(this.totals.get(table) ?? 0, this.rows[table]));
      }
    });
  }
}

/** Answers to the items of an instrument, each given with probability `completeness`, leaning to the better options. */
function answerItems(instrument: InstrumentVersion, random: () => number, completeness: number) {
  return instrument.domains
    .flatMap((domain) => domain.items)
    .flatMap((item) => {
      if (random() > completeness) return [];
      const options = instrument.scales[item.scale] ?? [];
      const option = options[random() < 0.65 ? 0 : Math.floor(random() * options.length)];
      return option ? [{ itemId: item.id, optionId: option.id }] : [];
    });
}

/** The path of a national assessment: the transitions it went through, ending in `state`. */
function pathTo(state: AssessmentState, random: () => number): string[] {
  const returned = random() < 0.3;
  const review = returned ? ['submit', 'return', 'resubmit'] : ['submit'];
  switch (state) {
    case 'draft':
      return [];
    case 'submitted':
      return ['submit'];
    case 'returned':
      return ['submit', 'return'];
    case 'resubmitted':
      return ['submit', 'return', 'resubmit'];
    case 'validated':
      return [...review, 'validate'];
    case 'published':
      return random() < 0.1
        ? [...review, 'validate', 'publish', 'reopen', 'submit', 'validate', 'publish']
        : [...review, 'validate', 'publish'];
  }
}

const NEXT_STATE: Record<string, AssessmentState> = {
  submit: 'submitted',
  return: 'returned',
  resubmit: 'resubmitted',
  validate: 'validated',
  publish: 'published',
  reopen: 'draft',
};

/**
 * Fill a migrated database (without demo content) with the world. The caller bootstraps it first if
 * it wants the official snapshot; this adds users, roles, rounds, assessments and their history.
 */
export async function generateWorld(db: MigovDatabase, options: WorldOptions): Promise<WorldSummary> {
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= 1)) throw new RangeError('scale must be a fraction in (0, 1]');
  const random = seededRandom(options.seed);
  const newId = idMaker(seededRandom(options.seed ^ 0x5eed));
  const nowMs = Date.parse(options.now ?? '2026-12-01T00:00:00.000Z');
  const startMs = nowMs - WORLD_SIZE.historyYears * 365.25 * DAY;
  const iso = (ms: number) => new Date(Math.floor(ms)).toISOString();
  const between = (from: number, to: number) => from + random() * Math.max(0, to - from);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;

  const allCountries = listAreas({ kind: 'country' }).map((area) => area.code);
  const countryCount = Math.max(3, Math.round(allCountries.length * scale));
  // A spread of the list, so a small world still has countries of every region.
  const countries = Array.from(
    { length: countryCount },
    (_, index) => allCountries[Math.floor((index * allCountries.length) / countryCount)]!,
  );
  const localCount = Math.max(4, Math.round(WORLD_SIZE.localJurisdictions * scale));
  const userCount = Math.max(12, Math.round(WORLD_SIZE.users * scale));

  // Rounds: every second year since 2019 up to the one open at `now`, then five future rounds.
  const nowYear = new Date(nowMs).getUTCFullYear();
  const years: number[] = [];
  for (let year = WORLD_FIRST_ROUND; year <= nowYear + 1; year += 2) years.push(year);
  const currentYear = years.at(-1)!;
  for (let index = 1; index <= WORLD_SIZE.futureRounds; index += 1) years.push(currentYear + 2 * index);

  const totals = new Map<TableName, number>([
    ['users', userCount],
    ['role_grants', userCount],
    ['jurisdictions', localCount],
    ['assessments', countries.length * (years.indexOf(currentYear) + 1)],
    ['mgi_assessments', Math.round(localCount * 3.2)],
    ['audit_log', userCount * 14],
  ]);
  const report = options.onProgress ?? (() => undefined);
  const writer = new BulkWriter(db, report, totals);

  // Users: a handful of global actors, then focal points, coordinators and reviewers by country and city.
  const userIds: string[] = [];
  const userCreated: number[] = [];
  const byCountry = new Map<string, { focal: string[]; coordinator: string[] }>();
  const globalRoles: Role[] = ['administrator', 'reviewer', 'national-coordinator', 'global-analyst'];
  const actors = {} as WorldSummary['actors'];
  const localCodes = Array.from({ length: localCount }, (_, index) => {
    const country = countries[index % countries.length]!;
    return { code: `${country}-L${String(index + 1).padStart(5, '0')}`, country };
  });
  const localFocal = new Map<string, string>();
  for (let index = 0; index < userCount; index += 1) {
    const id = newId();
    const created = index < globalRoles.length ? startMs : between(startMs, nowMs - 30 * DAY);
    userIds.push(id);
    userCreated.push(created);
    const role: Role =
      index < globalRoles.length
        ? globalRoles[index]!
        : pick(['focal-point', 'focal-point', 'focal-point', 'national-coordinator', 'reviewer', 'regional-analyst']);
    const local = index >= globalRoles.length && role === 'focal-point' && random() < 0.5;
    const area = local ? pick(localCodes).code : pick(countries);
    const scope =
      index < globalRoles.length
        ? { scope_kind: 'global', scope_value: '*' }
        : role === 'regional-analyst'
          ? { scope_kind: 'group', scope_value: pick(['419', '142', '150', '002', '009']).replace(/^0+/, '') }
          : { scope_kind: 'area', scope_value: area };
    if (index < globalRoles.length && role !== 'global-analyst') actors[role as keyof typeof actors] = id;
    if (scope.scope_kind === 'area' && !local) {
      const entry = byCountry.get(area) ?? { focal: [], coordinator: [] };
      byCountry.set(area, entry);
      if (role === 'focal-point') entry.focal.push(id);
      if (role === 'national-coordinator') entry.coordinator.push(id);
    }
    if (local) localFocal.set(area, id);
    const signedIn = random() < 0.85;
    await writer.add('users', {
      id,
      email: `world-${String(index + 1).padStart(6, '0')}@${WORLD_EMAIL_DOMAIN}`,
      name: `World User ${index + 1}`,
      status: random() < 0.04 ? 'disabled' : 'active',
      password_hash: null,
      failed_sign_ins: 0,
      locked_until: null,
      last_sign_in_at: signedIn ? iso(between(created, nowMs)) : null,
      preferred_language: pick(['en', 'en', 'en', 'fr', 'es', 'ar', 'zh', 'ru']),
      created_at: iso(created),
      updated_at: iso(created),
    });
    const admin = userIds[0]!;
    await writer.add('role_grants', {
      id: newId(),
      user_id: id,
      role,
      ...scope,
      granted_at: iso(created),
      granted_by: index === 0 ? null : admin,
      revoked_at: null,
      revoked_by: null,
    });
    // Ten years of audit as the server records it: invitation, acceptance, grant, then sign-ins.
    const audit = (at: number, action: string, actor: string | null, details: Record<string, unknown> | null) =>
      writer.add('audit_log', {
        id: newId(),
        at: iso(at),
        actor_id: actor,
        action,
        target_type: 'user',
        target_id: id,
        details: details ? writeJson(details) : null,
      });
    if (index > 0) {
      await audit(created - DAY, 'invitation.create', admin, { role, scope: scope.scope_value });
      await audit(created, 'invitation.accept', id, null);
      await audit(created, 'role.grant', admin, { role, scope: scope.scope_value });
    }
    const signIns = signedIn ? Math.floor(random() * 20) : 0;
    for (let count = 0; count < signIns; count += 1) {
      const at = between(created, nowMs);
      if (random() < 0.1) await audit(at - 60_000, 'sign-in.failure', null, { reason: 'wrong-password' });
      await audit(at, 'sign-in.success', id, null);
    }
  }
  const focalPointEntry = [...byCountry.entries()].find(([, entry]) => entry.focal.length > 0);
  const focalPoint = {
    userId: focalPointEntry?.[1].focal[0] ?? actors.administrator,
    area: focalPointEntry?.[0] ?? '',
  };
  await writer.flush();

  // Local jurisdictions.
  const admin = actors.administrator;
  for (const local of localCodes)
    await writer.add('jurisdictions', {
      code: local.code,
      name: `World City ${local.code}`,
      level: pick(['city', 'city', 'municipality', 'province', 'state', 'region']),
      parent_code: local.country,
      created_at: iso(between(startMs, startMs + 365 * DAY)),
      created_by: admin,
    });

  // Rounds.
  const rounds: WorldSummary['rounds'] = [];
  for (const year of years) {
    const id = newId();
    const opens = Date.UTC(year - 1, 9, 1);
    rounds.push({ id, year, current: year === currentYear, future: year > currentYear });
    await writer.add('rounds', {
      id,
      year,
      instrument: SDG_10_7_2_V2019.instrument,
      version: SDG_10_7_2_V2019.version,
      opens_on: iso(opens).slice(0, 10),
      closes_on: `${year}-09-30`,
      created_at: iso(Math.min(opens - 60 * DAY, nowMs)),
      created_by: admin,
      closed_at: null,
    });
  }
  await writer.flush();

  // National 10.7.2 assessments: past rounds mostly published, the current round in every state.
  const currentStates: AssessmentState[] = [
    'draft',
    'draft',
    'submitted',
    'submitted',
    'returned',
    'resubmitted',
    'validated',
    'published',
  ];
  const instrument = SDG_10_7_2_V2019;
  for (const round of rounds.filter((entry) => !entry.future)) {
    const opens = Date.UTC(round.year - 1, 9, 1);
    const closes = Math.min(Date.UTC(round.year, 8, 30), nowMs - DAY);
    for (const country of countries) {
      if (!round.current && random() < 0.25) continue; // not every country responded to every round
      const people = byCountry.get(country);
      const focal = people?.focal[0] ?? admin;
      const coordinator = people?.coordinator[0] ?? actors['national-coordinator'];
      const reviewer = actors.reviewer;
      const state = round.current ? pick(currentStates) : random() < 0.9 ? 'published' : 'validated';
      const path = pathTo(state, random);
      const id = newId();
      let at = between(opens, opens + 60 * DAY);
      const step = () => (at = Math.min(at + between(DAY / 24, 20 * DAY), closes));
      const created = at;
      let revision = 0;
      const revisions: Insertable<Schema['revisions']>[] = [];
      const revise = (actor: string, action: string, before: unknown, after: unknown, reason: string | null = null) =>
        revisions.push({
          assessment_id: id,
          revision: (revision += 1),
          at: iso(step()),
          actor_id: actor,
          action,
          reason,
          before: before === null ? null : writeJson(before),
          after: after === null ? null : writeJson(after),
        });
      revise(focal, 'create', null, { state: 'draft', jurisdiction: country, roundId: round.id });
      // Answers saved over several sittings; complete unless still a draft.
      const answers = answerItems(instrument, random, state === 'draft' ? 0.6 : 1);
      const responses: Record<string, { optionId: string; comment?: string }> = {};
      const updated: Record<string, number> = {};
      for (let start = 0; start < answers.length;) {
        const size = 1 + Math.floor(random() * 8);
        const chunk = answers.slice(start, start + size);
        start += size;
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const answer of chunk) {
          before[answer.itemId] = responses[answer.itemId] ?? {};
          responses[answer.itemId] = { optionId: answer.optionId };
          after[answer.itemId] = responses[answer.itemId];
        }
        revise(focal, 'save', { responses: before }, { responses: after });
        for (const answer of chunk) updated[answer.itemId] = at;
      }
      const evidenceId = newId();
      revise(focal, 'evidence.add', null, { evidenceId, itemId: answers[0]?.itemId ?? '1a', kind: 'link' });
      const evidenceAt = at;
      let current: AssessmentState = 'draft';
      let cycle = 1;
      let publicationNumber = 0;
      let lockVersion = 1 + revisions.filter((entry) => entry.action === 'save').length;
      const comments: Insertable<Schema['review_comments']>[] = [];
      const publications: Insertable<Schema['publications']>[] = [];
      for (const action of path) {
        const actor =
          action === 'return' || action === 'validate'
            ? reviewer
            : action === 'publish' || action === 'reopen'
              ? coordinator
              : focal;
        const to = NEXT_STATE[action]!;
        const after: Record<string, unknown> = { state: to };
        if (action === 'return')
          comments.push({
            id: newId(),
            assessment_id: id,
            item_id: answers[0]?.itemId ?? null,
            body: 'Please attach the text that implements this answer.',
            created_at: iso(at),
            created_by: reviewer,
          });
        if (action === 'reopen') after.cycle = cycle + 1;
        if (action === 'publish') {
          publicationNumber += 1;
          after.publication = publicationNumber;
          const chosen = Object.fromEntries(Object.entries(responses).map(([item, value]) => [item, value.optionId]));
          const scored = scoreAssessment(instrument, chosen);
          if (scored.status !== 'scored') throw new Error(`a generated assessment of ${country} does not score`);
          publications.push({
            id: newId(),
            assessment_id: id,
            jurisdiction: country,
            round_id: round.id,
            year: round.year,
            instrument: instrument.instrument,
            version: instrument.version,
            publication_number: publicationNumber,
            responses: writeJson(chosen),
            results: writeJson(toPublishedResults(scored)),
            published_at: iso(at + DAY),
            published_by: coordinator,
            evidence: writeJson({
              [answers[0]?.itemId ?? '1a']: [
                { id: evidenceId, kind: 'link', title: 'National migration law', url: 'https://example.org/law' },
              ],
            }),
          });
        }
        revise(
          actor,
          action,
          { state: current, ...(action === 'reopen' ? { cycle } : {}) },
          after,
          action === 'return'
            ? 'Evidence is missing'
            : action === 'reopen'
              ? 'Correction after a new regulation'
              : null,
        );
        if (action === 'reopen') cycle += 1;
        current = to;
        lockVersion += 1;
      }
      await writer.add('assessments', {
        id,
        jurisdiction: country,
        round_id: round.id,
        state: current,
        lock_version: lockVersion,
        revision_count: revision,
        cycle,
        published_version: publicationNumber > 0 ? publicationNumber : null,
        created_at: iso(created),
        created_by: focal,
        updated_at: iso(at),
        updated_by: focal,
      });
      for (const [itemId, value] of Object.entries(responses))
        await writer.add('responses', {
          assessment_id: id,
          item_id: itemId,
          option_id: value.optionId,
          comment: null,
          updated_at: iso(updated[itemId] ?? created),
          updated_by: focal,
        });
      await writer.add('evidence', {
        id: evidenceId,
        assessment_id: id,
        item_id: answers[0]?.itemId ?? '1a',
        kind: 'link',
        title: 'National migration law',
        url: 'https://example.org/law',
        filename: null,
        media_type: null,
        size: null,
        sha256: null,
        bytes: null,
        created_at: iso(evidenceAt),
        created_by: focal,
        withdrawn_at: null,
        withdrawn_by: null,
        withdrawn_reason: null,
      });
      for (const comment of comments) await writer.add('review_comments', comment);
      for (const entry of revisions) await writer.add('revisions', entry);
      for (const publication of publications) await writer.add('publications', publication);
    }
  }
  await writer.flush();

  // Local MGI-style assessments: a baseline, then follow-ups every two to four years, the latest in progress.
  const mgi = MGI_LOCAL_EXAMPLE;
  const ministries = ['Interior', 'Labour', 'Social Affairs'];
  const firstYear = new Date(startMs).getUTCFullYear() + 1;
  for (const local of localCodes) {
    const focal = localFocal.get(local.code) ?? admin;
    let year = firstYear + Math.floor(random() * 4);
    let previous: Record<string, { optionId: string }> = {};
    let kind: 'baseline' | 'follow-up' = 'baseline';
    while (year <= nowYear) {
      const last = year + 2 > nowYear;
      const id = newId();
      let at = Date.UTC(year, Math.floor(random() * 6), 1 + Math.floor(random() * 27));
      const step = () => (at = Math.min(at + between(DAY, 30 * DAY), nowMs - DAY));
      const created = at;
      let lockVersion = 1;
      let process: MgiProcess = startMgiProcess({ jurisdiction: local.code, year, roundKind: kind });
      // Children wait for their assessment's row.
      const events: Insertable<Schema['mgi_process_events']>[] = [];
      const history: Insertable<Schema['mgi_answer_history']>[] = [];
      const act = (action: MgiProcessAction) => {
        const decision = applyMgiAction(process, action);
        if (!decision.ok) throw new Error(`generated MGI process refused ${action.type}: ${decision.message}`);
        process = decision.process;
        lockVersion += 1;
        const event = process.history.at(-1)!;
        events.push({
          assessment_id: id,
          seq: process.history.length,
          action: action.type,
          from_state: event.from,
          to_state: event.to,
          detail: writeJson(action),
          created_at: action.at,
          created_by: action.actor,
        });
      };
      act({ type: 'begin-data-collection', actor: admin, at: iso(step()) });
      const responses: Record<string, { optionId: string }> = { ...previous };
      for (const answer of answerItems(mgi, random, last ? 0.7 : 1)) {
        if (responses[answer.itemId]?.optionId === answer.optionId) continue;
        responses[answer.itemId] = { optionId: answer.optionId };
        lockVersion += 1;
        history.push({
          id: newId(),
          assessment_id: id,
          item_id: answer.itemId,
          option_id: answer.optionId,
          evidence: null,
          lock_version: lockVersion,
          created_at: iso(step()),
          created_by: focal,
        });
      }
      if (!last) {
        act({ type: 'submit-draft', actor: focal, at: iso(step()) });
        act({ type: 'open-consultation', actor: admin, at: iso(step()), ministries });
        for (const ministry of ministries)
          act({ type: 'comment', actor: focal, at: iso(step()), ministry, body: 'No objection.' });
        act({ type: 'close-consultation', actor: admin, at: iso(step()) });
        act({ type: 'approve', actor: admin, at: iso(step()), authority: 'City council' });
        act({ type: 'publish', actor: admin, at: iso(step()) });
      }
      await writer.add('mgi_assessments', {
        id,
        jurisdiction: local.code,
        jurisdiction_name: `World City ${local.code}`,
        level: 'local',
        year,
        round_kind: kind,
        instrument: mgi.instrument,
        instrument_version: mgi.version,
        state: process.state,
        lock_version: lockVersion,
        responses: writeJson(responses),
        process: writeJson(process),
        created_at: iso(created),
        created_by: admin,
        updated_at: iso(at),
      });
      for (const entry of history) await writer.add('mgi_answer_history', entry);
      for (const entry of events) await writer.add('mgi_process_events', entry);
      previous = responses;
      kind = 'follow-up';
      year += 2 + Math.floor(random() * 3);
    }
  }
  await writer.flush();

  const currentRound = rounds.find((round) => round.current)!;
  return {
    countries: countries.length,
    localJurisdictions: localCount,
    users: userCount,
    rounds,
    currentRoundId: currentRound.id,
    rows: writer.rows,
    actors,
    focalPoint,
  };
}
