import { describe, expect, it } from 'vitest';
import { DEFAULT_PARTNERSHIP_REGISTRY } from '../partnerships/registry.ts';
import { processMemberCount } from '../partnerships/registry.ts';
import { ISCM_MEMBERSHIPS, ISCM_PROCESSES, GLOBAL_RCP_MEETINGS } from './iscm.data.ts';
import { checkSource, isPrimarySourcePart, PROCESS_PRIMARY_DOMAINS } from './primary-sources.ts';

interface Fact {
  source: string;
  unverified?: boolean;
  unverifiedReason?: string;
}

/** Every sourced fact of the compiled registry, with where it sits. */
function facts(): { where: string; process: string | undefined; fact: Fact }[] {
  const out: { where: string; process: string | undefined; fact: Fact }[] = [];
  for (const process of ISCM_PROCESSES) {
    process.types.forEach((claim, index) =>
      out.push({ where: `${process.id} type ${index}`, process: process.id, fact: claim }),
    );
    process.founding.forEach((claim, index) =>
      out.push({ where: `${process.id} founding ${index}`, process: process.id, fact: claim }),
    );
    out.push({ where: `${process.id} secretariat`, process: process.id, fact: process.secretariat });
    out.push({ where: `${process.id} member count`, process: process.id, fact: process.memberCountReported });
  }
  for (const record of ISCM_MEMBERSHIPS)
    out.push({ where: `membership ${record.id}`, process: record.process, fact: record });
  for (const meeting of GLOBAL_RCP_MEETINGS)
    out.push({ where: `meeting ${meeting.id}`, process: undefined, fact: meeting });
  return out;
}

describe('primary sources of the partnership registry', () => {
  it('tells primary sources from mirrors, news and other processes', () => {
    expect(isPrimarySourcePart('rabat-process', 'https://www.rabat-process.org/en/about/partners')).toBe(true);
    expect(isPrimarySourcePart('rabat-process', 'kazakhstan.iom.int news 22 Oct 2015')).toBe(true);
    expect(isPrimarySourcePart('bali-process', 'migrationnetwork.un.org/pledge')).toBe(true);
    expect(isPrimarySourcePart('budapest-process', 'IOM Overview of Principal ISCMs 2017 (fdocuments.us copy)')).toBe(
      false,
    );
    expect(isPrimarySourcePart('almaty-process', 'docest.com summary report 2013')).toBe(false);
    expect(isPrimarySourcePart('midwa', 'newshour.media 2016')).toBe(false);
    expect(isPrimarySourcePart('colombo-process', 'tribuneindia.com')).toBe(false);
    // A process's own site is primary for that process only.
    expect(isPrimarySourcePart('rabat-process', 'khartoumprocess.net/about')).toBe(false);
    expect(isPrimarySourcePart('bali-process', 'a source without any address')).toBe(false);
    // A file name in the path is not a domain.
    expect(isPrimarySourcePart('hld', 'https://www.un.org/en/ga/68/meetings/migration/about.shtml')).toBe(true);
    expect(isPrimarySourcePart('hld', 'un.org/x; see lawsdocbox.com')).toBe(false);
    expect(checkSource('almaty-process', 'iom.int/almaty-process; docest.com summary report 2013')).toEqual({
      primary: ['iom.int/almaty-process'],
      other: ['docest.com summary report 2013'],
    });
  });

  it('names the accepted domains of every compiled process', () => {
    expect(ISCM_PROCESSES.map((process) => process.id).filter((id) => !(id in PROCESS_PRIMARY_DOMAINS))).toEqual([]);
  });

  it('cites only primary sources, or says why a fact is unverified', () => {
    const problems = facts().flatMap(({ where, process, fact }) => {
      const { primary, other } = checkSource(process, fact.source);
      const unverified = fact.unverified === true || fact.unverifiedReason !== undefined;
      if (unverified) return fact.unverifiedReason?.trim() ? [] : [`${where}: unverified without a reason`];
      if (primary.length === 0 || other.length > 0)
        return [`${where}: verified fact with a non-primary source "${fact.source}"`];
      return [];
    });
    expect(problems).toEqual([]);
  });

  it('keeps no mirror site as the source of a verified fact or a process', () => {
    const mirrors = /fdocuments|docest|newshour|docsbay|docslib|docplayer|lawsdocbox|expydoc|wikimili/i;
    expect(
      facts()
        .filter(({ fact }) => !fact.unverified && !fact.unverifiedReason && mirrors.test(fact.source))
        .map(({ where }) => where),
    ).toEqual([]);
    expect(ISCM_PROCESSES.filter((process) => mirrors.test(process.source)).map((process) => process.id)).toEqual([]);
  });

  it('counts members only where the member list is compiled, never 0 otherwise', () => {
    for (const process of ISCM_PROCESSES) {
      const count = processMemberCount(DEFAULT_PARTNERSHIP_REGISTRY, process.id);
      if (count.compiled) expect(count.count, process.id).toBeGreaterThan(0);
      else expect(count.reason.trim(), process.id).not.toBe('');
    }
    const count = (id: string) => processMemberCount(DEFAULT_PARTNERSHIP_REGISTRY, id);
    expect(count('rabat-process')).toEqual({ compiled: true, count: 55, unverifiedLeftOut: 0 });
    expect(count('khartoum-process')).toMatchObject({ compiled: true, count: 41 });
    expect(count('colombo-process')).toMatchObject({ compiled: true, count: 12 });
    expect(count('bali-process')).toMatchObject({
      compiled: false,
      count: null,
      reason: expect.stringContaining('baliprocess.net'),
    });
    expect(count('budapest-process')).toMatchObject({
      compiled: false,
      count: null,
      reason: expect.stringContaining('fdocuments.us'),
    });
    expect(count('prague-process')).toMatchObject({ compiled: true, count: 49 });
    expect(count('gfmd')).toMatchObject({
      compiled: false,
      count: null,
      reason: 'no membership records are compiled for this process',
    });
    expect(count('midwa')).toMatchObject({
      compiled: false,
      count: null,
      reason: expect.stringContaining('15 membership records are unverified'),
    });
  });

  it('states the facts the primary sites give', () => {
    const process = (id: string) => ISCM_PROCESSES.find((entry) => entry.id === id)!;
    expect(process('bali-process').founding.map((claim) => [claim.year, claim.unverified])).toEqual([[2002, false]]);
    expect(process('bali-process').secretariat.text).toMatch(/Co-chairs Australia and Indonesia/);
    expect(process('rabat-process').founding.map((claim) => claim.year)).toEqual([2006]);
    expect(process('khartoum-process').founding.map((claim) => claim.year)).toEqual([2014]);
    expect(process('colombo-process').founding.map((claim) => claim.year)).toEqual([2003]);
    expect(process('add').founding.map((claim) => claim.year)).toEqual([2008]);
    expect(process('budapest-process').founding.map((claim) => [claim.year, claim.unverified])).toEqual([
      [1991, true],
      [1993, false],
    ]);
  });
});
