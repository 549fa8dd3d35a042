import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { addCrosswalkLink, addMembership, findProcess, MGI_NATIONAL_EXAMPLE, processesOfArea } from '@migov/core';
import {
  createDatabase,
  loadCrosswalk,
  loadPartnershipRegistry,
  publishMgiRound,
  saveGovernanceDocument,
} from '@migov/db';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedData } from '../../../../test-support/shared-data.ts';
import { CliError } from '../cli-error.ts';
import { registerBriefCommand } from './brief.ts';

const folder = mkdtempSync(join(tmpdir(), 'migov-brief-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const data = sharedData('un-sdg-10-7-2/sg_cpa_migrs_by_country.ddf.csv');

async function brief(args: string[]): Promise<void> {
  const program = new Command('migov').exitOverride();
  registerBriefCommand(program);
  for (const command of program.commands) command.exitOverride();
  // A brief reads the crosswalk and the registry from a database: a fresh one unless the test gives its own.
  await program.parseAsync(
    ['brief', ...args, ...(args.includes('--database') ? [] : ['--database', join(folder, 'fresh.sqlite')])],
    { from: 'user' },
  );
}

describe('migov brief', () => {
  it('writes the Markdown brief of Bangladesh for the 2019 round from published data: one gap, domain 1', async () => {
    const out = join(folder, 'bgd-2019.md');
    await brief(['--area', 'BGD', '--round', '2019', '--format', 'md', '--data', data, '--out', out]);
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toContain('# Migration in the Cooperation Framework: Bangladesh');
    expect(markdown.match(/^### Domain \d.*$/gm)).toEqual(['### Domain 1: Migrant rights (Partially meets)']);
    expect(markdown).toContain(
      '- Colombo Process: Regional Consultative Process on Overseas Employment and Contractual Labour for Countries of Origin in Asia',
    );
    expect(markdown).toContain('Countries of Origin in Asia (member, as of c.2024; source:');
    expect(markdown).toContain('(member (country of origin), undated; source: abudhabidialogue.org/members)');
    expect(markdown).toContain('Source: SG\\_CPA\\_MIGRS from sg\\_cpa\\_migrs\\_by\\_country.ddf.csv.');
  });

  it('takes the latest round by default and writes PDF and DOCX (M49 code accepted)', async () => {
    const pdf = join(folder, 'bgd.pdf');
    const docx = join(folder, 'bgd.docx');
    await brief(['--area', '50', '--format', 'pdf', '--data', data, '--out', pdf]);
    await brief(['--area', '050', '--format', 'docx', '--data', data, '--out', docx]);
    const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(pdfText).toContain('SDG indicator 10.7.2 results (2021)');
    for (const heading of [
      'Domain 1: Migrant rights (Requires further progress)',
      'Domain 5: Mobility dimensions of crises (Requires further progress)',
      'Domain 6: Safe, orderly and regular migration (Partially meets)',
    ]) {
      expect(pdfText).toContain(heading);
    }
    const xml = strFromU8(unzipSync(new Uint8Array(readFileSync(docx)))['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('Domain 5: Mobility dimensions of crises (Requires further progress)');
    expect(xml).toContain(
      'GCM objective 8: Save lives and establish coordinated international efforts on missing migrants [migov editorial mapping]',
    );
  });

  it('refuses a data file with problems and writes nothing', async () => {
    const out = join(folder, 'bad.md');
    await expect(
      brief(['--area', 'BGD', '--format', 'md', '--data', join(folder, 'missing.csv'), '--out', out]),
    ).rejects.toThrow('no such file');
  });

  it('adds an MGI-style profile and what changed since the earlier round from a YAML answers file', async () => {
    const answers = join(folder, 'mgi.yaml');
    writeFileSync(
      answers,
      [
        'instrument: mgi-example',
        'year: 2023',
        'responses:',
        "  '2.2': { optionId: in-place, comment: National strategy adopted }",
        "  '3.1': { optionId: partial }",
        'previous:',
        '  year: 2019',
        '  responses:',
        "    '2.2': { optionId: absent }",
      ].join('\n'),
    );
    const out = join(folder, 'bgd-mgi.md');
    await brief(['--area', 'BGD', '--format', 'md', '--mgi', answers, '--out', out]);
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toContain('## MGI-style profile (2023)');
    expect(markdown).toContain('- Areas with potential for further development: Regional cooperation');
    expect(markdown).toContain('- Whole of government approach: Migration strategy became well-developed');
  });

  it('refuses MGI answers that do not fit the instrument', async () => {
    const answers = join(folder, 'bad-mgi.json');
    writeFileSync(answers, JSON.stringify({ instrument: 'mgi-example', responses: { '2.2': { optionId: 'yes' } } }));
    await expect(
      brief(['--area', 'BGD', '--format', 'md', '--mgi', answers, '--out', join(folder, 'y.md')]),
    ).rejects.toThrow('item 2.2 has no option "yes"');
  });

  it("gives Kazakhstan's official result from a fresh database without --data, and no data where the UN published none", async () => {
    const out = join(folder, 'kaz.md');
    await brief(['--area', 'KAZ', '--format', 'md', '--database', join(folder, 'kaz.sqlite'), '--out', out]);
    const markdown = readFileSync(out, 'utf8');
    // SG_CPA_MIGRS 2021 of Kazakhstan (398) as the UN published it: overall 3, domain 1: 2.
    expect(markdown).toContain('## SDG indicator 10.7.2 results (2021)');
    expect(markdown).toContain('- All domains: 3 Meets');
    expect(markdown).toContain('- Domain 1: Migrant rights: 2 Partially meets');
    expect(markdown).toContain('Source: UN SDG Global Database, retrieved');
    const none = join(folder, 'usa.md');
    await brief(['--area', 'USA', '--format', 'md', '--database', join(folder, 'kaz.sqlite'), '--out', none]);
    expect(readFileSync(none, 'utf8')).toContain('- All domains: no data');
  });

  it('refuses a bad format, round or area with a usage error', async () => {
    await expect(brief(['--area', 'BGD', '--format', 'html'])).rejects.toThrow(CliError);
    await expect(brief(['--area', 'BGD', '--format', 'html'])).rejects.toThrow(
      'invalid --format: html (one of md, pdf, docx)',
    );
    await expect(brief(['--area', 'BGD', '--format', 'md', '--round', '19'])).rejects.toThrow(
      'invalid --round: 19 (a year such as 2021)',
    );
    await expect(brief(['--area', 'ZZZ', '--format', 'md'])).rejects.toThrow('invalid --area: ZZZ');
    await expect(brief(['--area', '150', '--format', 'md', '--out', join(folder, 'x.md')])).rejects.toThrow(
      'invalid area: 150 is not a country',
    );
  });

  it('maps gaps and lists processes with the crosswalk and the registry as edited in the database', async () => {
    const url = join(folder, 'edited.sqlite');
    let rabat: { acronym: string; name: string } | undefined;
    const db = await createDatabase({ url });
    try {
      await db.migrate();
      const crosswalk = await loadCrosswalk(db);
      const link = addCrosswalkLink(
        crosswalk.content,
        {
          from: { kind: 'sdg-10-7-2-domain', id: 'DOMAIN1' },
          to: { kind: 'gcm-objective', id: '23' },
          basis: 'source',
          source: 'A published mapping',
        },
        { actor: 'analyst', at: new Date().toISOString() },
      );
      if (!link.ok) throw new Error(JSON.stringify(link.problems));
      await saveGovernanceDocument(
        db,
        {
          name: 'crosswalk',
          expectedVersion: crosswalk.version,
          content: link.crosswalk,
          description: 'Domain 1 to objective 23',
          source: 'A published mapping',
          change: { type: 'add-link', link: link.link },
          createdAt: new Date().toISOString(),
        },
        null,
      );
      const registry = await loadPartnershipRegistry(db);
      expect(processesOfArea(registry.content, '50').map((entry) => entry.process.id)).not.toContain('rabat-process');
      const member = addMembership(registry.content, {
        process: 'rabat-process',
        area: '50',
        name: 'Bangladesh',
        role: 'partner country',
        kind: 'member',
        asOf: '2026',
        source: 'A ministerial declaration',
      });
      if (!member.ok) throw new Error(JSON.stringify(member.problems));
      rabat = findProcess(member.registry, 'rabat-process');
      await saveGovernanceDocument(
        db,
        {
          name: 'partnership-registry',
          expectedVersion: registry.version,
          content: member.registry,
          description: 'Bangladesh joins',
          source: 'A ministerial declaration',
          change: { type: 'add-membership', membership: member.record },
          createdAt: new Date().toISOString(),
        },
        null,
      );
    } finally {
      await db.close();
    }
    const edited = join(folder, 'bgd-edited.md');
    const fresh = join(folder, 'bgd-fresh.md');
    await brief([
      '--area',
      'BGD',
      '--round',
      '2019',
      '--format',
      'md',
      '--data',
      data,
      '--database',
      url,
      '--out',
      edited,
    ]);
    await brief(['--area', 'BGD', '--round', '2019', '--format', 'md', '--data', data, '--out', fresh]);
    const objective23 =
      '- GCM objective 23: Strengthen international cooperation and global partnerships for safe, orderly and regular migration \\[sourced\\]';
    const [editedText, freshText] = [readFileSync(edited, 'utf8'), readFileSync(fresh, 'utf8')];
    expect(editedText).toContain(objective23);
    expect(freshText).not.toContain(objective23);
    expect(editedText).toContain(
      `- ${rabat?.acronym}: ${rabat?.name} (partner country, as of 2026; source: A ministerial declaration)`,
    );
    expect(freshText).not.toContain('A ministerial declaration');
  });

  it('shows the latest MGI-style profile published in the database and what changed since the round before, unless answers are given', async () => {
    const url = join(folder, 'published.sqlite');
    const db = await createDatabase({ url });
    try {
      await db.migrate();
      const all = Object.fromEntries(
        MGI_NATIONAL_EXAMPLE.domains.flatMap((domain) => domain.items.map((item) => [item.id, 'in-place'])),
      );
      await publishMgiRound(db, {
        jurisdiction: '50',
        jurisdictionName: 'Bangladesh',
        year: 2019,
        answers: { ...all, '2.2': 'absent' },
      });
      await publishMgiRound(db, { jurisdiction: '50', jurisdictionName: 'Bangladesh', year: 2023, answers: all });
    } finally {
      await db.close();
    }
    const out = join(folder, 'bgd-published.md');
    await brief(['--area', 'BGD', '--format', 'md', '--database', url, '--out', out]);
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toContain('## MGI-style profile (2023)');
    expect(markdown).toContain('- Whole of government approach: Migration strategy became well-developed');
  });
});
