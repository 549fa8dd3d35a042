import { describe, expect, it } from 'vitest';
import type { PartnershipRegistry } from './partnership.ts';
import {
  addMeeting,
  addTypeClaim,
  addMembership,
  DEFAULT_PARTNERSHIP_REGISTRY,
  endMembership,
  getProcess,
  listProcesses,
  processesOfArea,
  processMeetings,
  processMemberAreas,
  processOverlap,
  processOverlaps,
  ProcessNotFoundError,
} from './registry.ts';

const registry = DEFAULT_PARTNERSHIP_REGISTRY;
const COLOMBO = ['4', '50', '116', '144', '156', '356', '360', '524', '586', '608', '704', '764'];

describe('DEFAULT_PARTNERSHIP_REGISTRY', () => {
  it('keeps conflicting founding years side by side with their sources', () => {
    const budapest = getProcess(registry, 'Budapest Process');
    expect(budapest.founding.map((claim) => claim.year)).toEqual([1991, 1993]);
    expect(budapest.types.map((claim) => claim.type)).toEqual(['regional-consultative-process', 'interregional-forum']);
    expect(getProcess(registry, 'midwa').founding.map((claim) => claim.year)).toEqual([2001, 2000]);
  });

  it('keeps UNVERIFIED flags and ambiguous names', () => {
    expect(getProcess(registry, 'eap-panel').secretariat).toMatchObject({ text: 'UNVERIFIED', unverified: true });
    const saintMartin = registry.memberships.find((record) => record.name === 'Saint Martin');
    expect(saintMartin?.area).toBeUndefined();
    expect(saintMartin?.note).toContain('ambiguous');
    expect(
      registry.memberships.filter((record) => record.process === 'midwa').every((record) => record.unverified),
    ).toBe(true);
  });

  it('lists the eight Global Meetings of Chairs and Secretariats of RCPs with outcome documents', () => {
    const meetings = processMeetings(registry, 'grcp');
    expect(meetings).toHaveLength(8);
    expect(meetings[5]).toMatchObject({
      place: expect.stringContaining('Geneva'),
      year: 2016,
      theme: expect.stringContaining('Sustainable Development Goals'),
    });
    expect(meetings[5]?.outcomes).toHaveLength(1);
  });

  it('lists the processes of a type by their latest type claim', () => {
    expect(listProcesses(registry, { type: 'global-process' }).map((process) => process.id)).toEqual([
      'gfmd',
      'idm',
      'hld',
      'imrf',
    ]);
    expect(listProcesses(registry, { type: 'interregional-forum' }).map((process) => process.id)).toContain(
      'budapest-process',
    );
  });

  it('throws a typed error for an unknown process', () => {
    expect(() => getProcess(registry, 'nowhere')).toThrow(ProcessNotFoundError);
  });
});

describe('membership queries', () => {
  it('lists members without observers by default', () => {
    expect(processMemberAreas(registry, 'colombo-process')).toEqual(COLOMBO);
    // The eight destination-country observers are unverified (only a newspaper names them as observers): left out unless asked for.
    expect(processMemberAreas(registry, 'colombo-process', { includeObservers: true })).toEqual(COLOMBO);
    expect(
      processMemberAreas(registry, 'colombo-process', { includeObservers: true, includeUnverified: true }),
    ).toHaveLength(20);
  });

  it('finds the processes of a country', () => {
    expect(processesOfArea(registry, '144').map((entry) => entry.process.id)).toEqual(['colombo-process', 'add']);
  });
});

describe('processOverlap', () => {
  it('finds the shared members of the Colombo Process and the Abu Dhabi Dialogue (hand-computed)', () => {
    expect(processOverlap(registry, 'colombo-process', 'add')).toEqual({
      processes: ['colombo-process', 'add'],
      shared: ['4', '50', '144', '156', '356', '360', '524', '586', '608', '704', '764'],
      onlyFirst: ['116'],
      onlySecond: ['48', '414', '458', '512', '634', '682', '784'],
    });
  });

  it('counts observers when asked', () => {
    expect(processOverlap(registry, 'colombo-process', 'add', { includeObservers: true }).shared).toHaveLength(11);
    const overlap = processOverlap(registry, 'colombo-process', 'add', {
      includeObservers: true,
      includeUnverified: true,
    });
    expect(overlap.shared).toHaveLength(17);
    expect(overlap.onlySecond).toEqual(['512']);
  });

  it('lists overlapping pairs, most shared first', () => {
    const pairs = processOverlaps(registry, { processes: ['colombo-process', 'add', 'midsa'] });
    expect(pairs).toEqual([
      {
        processes: ['colombo-process', 'add'],
        shared: ['4', '50', '144', '156', '356', '360', '524', '586', '608', '704', '764'],
      },
    ]);
  });
});

describe('registry edits', () => {
  const small: PartnershipRegistry = {
    processes: [getProcess(registry, 'colombo-process')],
    memberships: [],
    meetings: [],
  };

  it('adds dated members and evaluates membership on a date', () => {
    const joined = addMembership(small, {
      process: 'colombo-process',
      area: '4',
      name: 'Afghanistan',
      role: 'member',
      kind: 'member',
      asOf: '2003',
      from: '2003',
      source: 'test',
    });
    if (!joined.ok) throw new Error(JSON.stringify(joined.problems));
    const ended = endMembership(joined.registry, joined.record.id, { until: '2021-08-15', source: 'test' });
    if (!ended.ok) throw new Error(JSON.stringify(ended.problems));
    expect(processMemberAreas(ended.registry, 'colombo-process', { asOf: 2002 })).toEqual([]);
    expect(processMemberAreas(ended.registry, 'colombo-process', { asOf: 2019 })).toEqual(['4']);
    expect(processMemberAreas(ended.registry, 'colombo-process', { asOf: '2021-08-15' })).toEqual([]);
    expect(processMemberAreas(ended.registry, 'colombo-process')).toEqual([]);
    expect(ended.registry.memberships).toHaveLength(1);
  });

  it('refuses bad membership input, naming each field', () => {
    const result = addMembership(small, {
      process: 'nope',
      area: 'AFG',
      name: '',
      role: 'member',
      kind: 'member',
      asOf: '2020',
      from: '2020-13',
      source: '',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.field)).toEqual(['process', 'area', 'name', 'source', 'from']);
  });

  it('adds a meeting with an outcome document', () => {
    const result = addMeeting(small, {
      process: 'colombo-process',
      title: 'Ministerial Consultation',
      date: '2024',
      year: 2024,
      place: 'Kathmandu',
      theme: 'Labour mobility',
      outcomes: [{ title: 'Kathmandu Declaration', source: 'colomboprocess.org' }],
      source: 'colomboprocess.org',
      unverified: false,
    });
    expect(result.ok && result.record.id).toBe('colombo-process-1');
  });

  it('adds an entry to a type history, keeping the earlier ones, and refuses a repeat or an unknown process', () => {
    const before = small.processes[0]!.types;
    const claim = { type: before.at(-1)!.type, asOf: '2030', source: 'test' };
    const result = addTypeClaim(small, 'colombo-process', claim);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.record).toEqual({ ...claim, process: 'colombo-process' });
    expect(getProcess(result.registry, 'colombo-process').types).toEqual([...before, claim]);
    expect(small.processes[0]!.types).toBe(before);
    const repeat = addTypeClaim(result.registry, 'colombo-process', claim);
    expect(repeat.ok ? [] : repeat.problems.map((problem) => problem.field)).toEqual(['type']);
    const unknown = addTypeClaim(small, 'no-such-process', claim);
    expect(unknown.ok ? [] : unknown.problems.map((problem) => problem.field)).toEqual(['id']);
  });
});
