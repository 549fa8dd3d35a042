/**
 * A brief version as a flat list of blocks (headings, paragraphs, lists, checklists). The Markdown,
 * PDF and DOCX renderers all draw these blocks, so the three formats say exactly the same words.
 */
import { CHECKLIST_STATUS_LABELS, type BriefGap, type BriefVersion } from '../brief.model.ts';

export type BriefBlock =
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'checklist'; items: { checked: boolean; text: string }[] };

const BASIS_LABELS = { source: 'sourced', editorial: 'migov editorial mapping' } as const;

/** How a membership's as-of date reads: `as of 2017`, `undated`, `as on the source's current page`. */
function asOfText(asOf: string): string {
  if (/\d{4}/.test(asOf)) return `as of ${asOf}`;
  if (/^current page/i.test(asOf)) return "as on the source's current page";
  return asOf;
}

/** `DOMAIN4` -> `Domain 4`. */
function domainTitle(code: string): string {
  const match = /^DOMAIN(\d)$/.exec(code);
  return match ? `Domain ${match[1]}` : 'All domains';
}

/** How a gap's heading reads, e.g. `Domain 4: Socioeconomic well-being (Partially meets)`. */
function gapHeading(gap: BriefGap): string {
  return `${domainTitle(gap.domain)}: ${gap.domainName} (${gap.categoryLabel})`;
}

/** How a mapped GCM objective reads. */
function gcmObjectiveLine(objective: BriefGap['gcmObjectives'][number]): string {
  return `GCM objective ${objective.objective}: ${objective.title} [${BASIS_LABELS[objective.basis]}]`;
}

/** How a mapped SDG target reads. */
function sdgTargetLine(target: BriefGap['sdgTargets'][number]): string {
  const via =
    target.via.length > 0 ? `, via GCM objective${target.via.length > 1 ? 's' : ''} ${target.via.join(', ')}` : '';
  return `SDG target ${target.target}${target.text ? `: ${target.text}` : ''} [${BASIS_LABELS[target.basis]}${target.unverified ? ', source unverified' : ''}${via}]`;
}

/** The blocks of one brief version. */
export function briefBlocks(version: BriefVersion): BriefBlock[] {
  const content = version.content;
  const blocks: BriefBlock[] = [
    { type: 'heading', level: 1, text: content.title },
    {
      type: 'paragraph',
      text: `${content.area.name} (M49 ${content.area.code}${content.area.alpha3 ? `, ${content.area.alpha3}` : ''}). Version ${version.version} of ${version.createdAt.slice(0, 10)}, ${version.change} by ${version.createdBy}.`,
    },
    { type: 'heading', level: 2, text: 'Summary' },
    { type: 'paragraph', text: content.summary },
    {
      type: 'heading',
      level: 2,
      text: `SDG indicator 10.7.2 results${content.results.year === undefined ? '' : ` (${content.results.year})`}`,
    },
    {
      type: 'list',
      items: content.results.domains.map((domain) => {
        const label = domain.domain === 'ALLDOMAINS' ? 'All domains' : `${domainTitle(domain.domain)}: ${domain.name}`;
        if (domain.status === 'result') return `${label}: ${domain.category} ${domain.categoryLabel}`;
        return `${label}: ${domain.status === 'not-applicable' ? 'not applicable' : 'no data'}`;
      }),
    },
  ];
  if (content.results.source) blocks.push({ type: 'paragraph', text: `Source: ${content.results.source}.` });
  if (content.mgi) {
    blocks.push({
      type: 'heading',
      level: 2,
      text: `MGI-style profile${content.mgi.year === undefined ? '' : ` (${content.mgi.year})`}`,
    });
    blocks.push({
      type: 'paragraph',
      text: `${content.mgi.instrument}@${content.mgi.version}. The MGI is not a ranking and has no composite score.${content.mgi.exampleInstrument ? ' Assessed with an EXAMPLE instrument, not the official MGI questions.' : ''}`,
    });
    for (const dimension of content.mgi.dimensions) {
      blocks.push({ type: 'heading', level: 3, text: dimension.label });
      blocks.push({
        type: 'list',
        items: [
          `Well-developed areas: ${dimension.wellDeveloped.length > 0 ? dimension.wellDeveloped.join('; ') : 'none named'}`,
          `Areas with potential for further development: ${dimension.furtherDevelopment.length > 0 ? dimension.furtherDevelopment.join('; ') : 'none named'}`,
        ],
      });
    }
  }
  if (content.mgi?.changes) {
    const changes = content.mgi.changes;
    blocks.push({
      type: 'heading',
      level: 3,
      text: `What changed${changes.sinceYear === undefined ? ' since the earlier round' : ` since ${changes.sinceYear}`}`,
    });
    blocks.push(
      changes.dimensions.length === 0
        ? { type: 'paragraph', text: 'No area changed between well-developed and potential for further development.' }
        : {
            type: 'list',
            items: changes.dimensions.flatMap((dimension) => [
              ...dimension.becameWellDeveloped.map((area) => `${dimension.label}: ${area} became well-developed`),
              ...dimension.newlyFurtherDevelopment.map(
                (area) => `${dimension.label}: ${area} now has potential for further development`,
              ),
            ]),
          },
    );
  }
  blocks.push({ type: 'heading', level: 2, text: 'Gaps by domain, with GCM objectives and SDG targets' });
  if (content.gaps.length === 0)
    blocks.push({ type: 'paragraph', text: 'No 10.7.2 domain requires further progress or only partially meets.' });
  for (const gap of content.gaps) {
    blocks.push({ type: 'heading', level: 3, text: gapHeading(gap) });
    blocks.push({
      type: 'list',
      items: [...gap.gcmObjectives.map(gcmObjectiveLine), ...gap.sdgTargets.map(sdgTargetLine)],
    });
  }
  blocks.push({ type: 'heading', level: 2, text: 'Consultation processes' });
  blocks.push(
    content.processes.length === 0
      ? { type: 'paragraph', text: 'The partnership registry lists no consultation process for this country.' }
      : {
          type: 'list',
          items: content.processes.map(
            (process) =>
              `${process.acronym}: ${process.name} (${process.role}, ${asOfText(process.asOf)}${process.unverified ? ', UNVERIFIED' : ''}; source: ${process.source})`,
          ),
        },
  );
  blocks.push({ type: 'heading', level: 2, text: 'Entry points across the planning cycle' });
  for (const entry of content.entryPoints) {
    blocks.push({ type: 'heading', level: 3, text: entry.title });
    blocks.push({ type: 'paragraph', text: entry.text });
  }
  blocks.push({ type: 'heading', level: 2, text: 'Mainstreaming set-up' });
  blocks.push({
    type: 'checklist',
    items: content.checklist.map((item) => ({
      checked: item.status === 'in-place',
      text: `${item.title}: ${CHECKLIST_STATUS_LABELS[item.status]}${item.note ? ` (${item.note})` : ''}`,
    })),
  });
  if (content.notes.trim() !== '') {
    blocks.push({ type: 'heading', level: 2, text: 'Notes' });
    for (const paragraph of content.notes.split(/\n{2,}/)) blocks.push({ type: 'paragraph', text: paragraph.trim() });
  }
  blocks.push({ type: 'heading', level: 2, text: 'Sources' });
  blocks.push({ type: 'list', items: content.sources });
  return blocks;
}
