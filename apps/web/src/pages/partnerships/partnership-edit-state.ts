/**
 * The partnership editor's pure parts: reading its forms into the bodies the registry API takes, with
 * the problems a reader can fix before anything is sent (the server checks everything again).
 */
import { AS_OF } from '../../app/routes.ts';

/** A field's problem: which field, and a message key with its values. */
export interface FormProblem {
  field: string;
  key:
    'partnershipEdit.required' | 'partnershipEdit.badDate' | 'partnershipEdit.badOutcome' | 'partnershipEdit.badYear';
  values?: Record<string, string | number>;
}

type Read = (name: string) => string;

function required(read: Read, fields: readonly string[], problems: FormProblem[]): void {
  for (const field of fields) if (!read(field)) problems.push({ field, key: 'partnershipEdit.required' });
}

function date(read: Read, field: string, problems: FormProblem[]): string | undefined {
  const value = read(field);
  if (!value) return undefined;
  if (!AS_OF.test(value)) problems.push({ field, key: 'partnershipEdit.badDate', values: { value } });
  return value;
}

/** The add-membership form: `{ source, membership }` for POST /partnerships/memberships. */
export function readMembershipForm(processId: string, read: Read, nameOf: (area: string) => string | undefined) {
  const problems: FormProblem[] = [];
  required(read, ['area', 'kind', 'role', 'asOf', 'source'], problems);
  const from = date(read, 'from', problems);
  const until = date(read, 'until', problems);
  const area = read('area');
  const membership = {
    process: processId,
    ...(area ? { area } : {}),
    name: nameOf(area) ?? area,
    role: read('role'),
    kind: read('kind') === 'observer' ? 'observer' : 'member',
    asOf: read('asOf'),
    ...(from ? { from } : {}),
    ...(until ? { until } : {}),
    source: read('source'),
  };
  return { problems, body: { source: read('source'), membership } };
}

/** The end-membership form: `{ source, until }` for POST /partnerships/memberships/{id}/end. */
export function readEndForm(read: Read) {
  const problems: FormProblem[] = [];
  required(read, ['until', 'source'], problems);
  date(read, 'until', problems);
  return { problems, body: { until: read('until'), source: read('source') } };
}

/** The type-history form: `{ source, type, asOf }` for POST /partnerships/processes/{id}/types. */
export function readTypeForm(read: Read) {
  const problems: FormProblem[] = [];
  required(read, ['type', 'asOf', 'source'], problems);
  return { problems, body: { type: read('type'), asOf: read('asOf'), source: read('source') } };
}

/** Outcome documents typed one a line as `title | source`; a line without a source takes the edit's source. */
export function parseOutcomes(
  text: string,
  fallbackSource: string,
): { outcomes: { title: string; source: string }[]; problems: FormProblem[] } {
  const outcomes: { title: string; source: string }[] = [];
  const problems: FormProblem[] = [];
  text.split('\n').forEach((line, index) => {
    if (!line.trim()) return;
    const [title = '', ...rest] = line.split('|').map((part) => part.trim());
    const source = rest.join(' | ').trim() || fallbackSource;
    if (!title || !source)
      problems.push({ field: 'outcomes', key: 'partnershipEdit.badOutcome', values: { line: index + 1 } });
    else outcomes.push({ title, source });
  });
  return { outcomes, problems };
}

/** The add-meeting form: `{ source, meeting }` for POST /partnerships/meetings. */
export function readMeetingForm(processId: string, read: Read) {
  const problems: FormProblem[] = [];
  required(read, ['title', 'date', 'source'], problems);
  const yearText = read('year');
  const year = yearText ? Number(yearText) : undefined;
  if (yearText && !(Number.isInteger(year) && year! >= 1900 && year! <= 2100))
    problems.push({ field: 'year', key: 'partnershipEdit.badYear', values: { value: yearText } });
  const parsed = parseOutcomes(read('outcomes'), read('source'));
  problems.push(...parsed.problems);
  const meeting = {
    process: processId,
    title: read('title'),
    date: read('date'),
    ...(year !== undefined && Number.isInteger(year) ? { year } : {}),
    place: read('place'),
    theme: read('theme'),
    outcomes: parsed.outcomes,
  };
  return { problems, body: { source: read('source'), meeting } };
}

/** The records still open (no end date) first, then by name. */
export function sortRecords<T extends { name: string; until?: string }>(records: readonly T[], lang: string): T[] {
  return [...records].sort(
    (left, right) =>
      Number(left.until !== undefined) - Number(right.until !== undefined) || left.name.localeCompare(right.name, lang),
  );
}
