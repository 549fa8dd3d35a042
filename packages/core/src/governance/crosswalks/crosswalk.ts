/**
 * Crosswalks: editable, sourced many-to-many links between MiGOF elements, SDG 10.7.2 domains, MGI
 * dimensions, GCM objectives and SDG targets. Each link says whether it is in a public source
 * (`basis: 'source'`, with the source) or migov's own editorial mapping (`basis: 'editorial'`), and a
 * mapping through several links is only as official as its weakest link. Edits return a new
 * crosswalk; a link is never deleted, only retired with a reason, so the history stays readable.
 */
import { GCM_OBJECTIVES } from '../reference/gcm.data.ts';
import { SDG_10_7_2_DOMAIN_CODES, type FieldProblem } from '../../observations/observation.ts';

/** What a crosswalk links. */
export const CROSSWALK_NODE_KINDS = [
  'migof-element',
  'sdg-10-7-2-domain',
  'mgi-dimension',
  'gcm-objective',
  'sdg-target',
] as const;
export type CrosswalkNodeKind = (typeof CROSSWALK_NODE_KINDS)[number];

/** Where a link comes from: a cited public source, or migov's own editorial mapping (never official). */
export const LINK_BASES = ['source', 'editorial'] as const;
export type LinkBasis = (typeof LINK_BASES)[number];

/** The label shown wherever an editorial link is used. */
export const EDITORIAL_LABEL = "migov's own editorial mapping (not official)";

/** One node: `{ kind: 'gcm-objective', id: '23' }`, `{ kind: 'sdg-10-7-2-domain', id: 'DOMAIN1' }`, `{ kind: 'sdg-target', id: '10.7' }`. */
export interface CrosswalkNode {
  kind: CrosswalkNodeKind;
  id: string;
}

/** One link between two nodes (links read both ways). */
export interface CrosswalkLink {
  id: string;
  from: CrosswalkNode;
  to: CrosswalkNode;
  basis: LinkBasis;
  /** The public source of a `source` link; for an editorial link, optionally what informed it. */
  source?: string;
  /** The source itself could not be confirmed. */
  unverified: boolean;
  note?: string;
  status: 'active' | 'retired';
  createdBy: string;
  createdAt: string;
  retired?: { by: string; at: string; reason: string };
  /** The link this one replaced, when an edit changed a link. */
  replaces?: string;
}

/** A crosswalk table: all links ever made, active and retired. */
export interface Crosswalk {
  links: readonly CrosswalkLink[];
}

/** Known ids of each node kind, for validation; SDG targets follow the `<goal>.<target>` pattern. */
const KNOWN_IDS: Record<Exclude<CrosswalkNodeKind, 'sdg-target'>, ReadonlySet<string>> = {
  'migof-element': new Set(['P1', 'P2', 'P3', 'O1', 'O2', 'O3']),
  'sdg-10-7-2-domain': new Set(SDG_10_7_2_DOMAIN_CODES),
  'mgi-dimension': new Set(['1', '2', '3', '4', '5', '6']),
  'gcm-objective': new Set(GCM_OBJECTIVES.map((objective) => String(objective.objective))),
};
const SDG_TARGET_PATTERN = /^(?:[1-9]|1[0-7])\.(?:[1-9]|1\d|[a-d])$/;

export type CrosswalkEditResult =
  { ok: true; crosswalk: Crosswalk; link: CrosswalkLink } | { ok: false; problems: FieldProblem[] };

/** Thrown by getCrosswalkLink for an id that names no link. */
export class CrosswalkLinkNotFoundError extends Error {
  constructor(id: string) {
    super(`unknown crosswalk link: ${id}`);
    this.name = 'CrosswalkLinkNotFoundError';
  }
}

const nodeKey = (node: CrosswalkNode) => `${node.kind}:${node.id}`;

/** The problems with a node, if any. */
function checkCrosswalkNode(node: CrosswalkNode, field: string): FieldProblem[] {
  if (!(CROSSWALK_NODE_KINDS as readonly string[]).includes(node.kind)) {
    return [
      {
        field: `${field}.kind`,
        value: node.kind,
        message: `unknown node kind (kinds: ${CROSSWALK_NODE_KINDS.join(', ')})`,
      },
    ];
  }
  if (node.kind === 'sdg-target') {
    return SDG_TARGET_PATTERN.test(node.id)
      ? []
      : [{ field: `${field}.id`, value: node.id, message: 'an SDG target is <goal>.<target>, e.g. 10.7, 10.c or 3.d' }];
  }
  const known = KNOWN_IDS[node.kind];
  return known.has(node.id)
    ? []
    : [{ field: `${field}.id`, value: node.id, message: `unknown ${node.kind} (known: ${[...known].join(', ')})` }];
}

/** What an editor gives for a new link. */
export interface NewCrosswalkLink {
  from: CrosswalkNode;
  to: CrosswalkNode;
  basis: LinkBasis;
  source?: string;
  unverified?: boolean;
  note?: string;
}

/** Who edits and when. */
export interface CrosswalkEditor {
  actor: string;
  at: string;
}

function sameLink(link: CrosswalkLink, from: CrosswalkNode, to: CrosswalkNode): boolean {
  const a = nodeKey(link.from);
  const b = nodeKey(link.to);
  return (a === nodeKey(from) && b === nodeKey(to)) || (a === nodeKey(to) && b === nodeKey(from));
}

function checkNewLink(crosswalk: Crosswalk, input: NewCrosswalkLink, ignore?: string): FieldProblem[] {
  const problems = [...checkCrosswalkNode(input.from, 'from'), ...checkCrosswalkNode(input.to, 'to')];
  if (!(LINK_BASES as readonly string[]).includes(input.basis))
    problems.push({ field: 'basis', value: input.basis, message: `basis is one of ${LINK_BASES.join(', ')}` });
  if (input.basis === 'source' && (input.source === undefined || input.source.trim() === '')) {
    problems.push({
      field: 'source',
      message: 'a link with basis "source" names its public source; without one, make it an editorial link',
    });
  }
  if (input.from.kind === input.to.kind && input.from.id === input.to.id)
    problems.push({ field: 'to', value: input.to.id, message: 'a node cannot link to itself' });
  const duplicate = crosswalk.links.find(
    (link) => link.status === 'active' && link.id !== ignore && sameLink(link, input.from, input.to),
  );
  if (duplicate)
    problems.push({
      field: 'to',
      value: input.to.id,
      message: `the link ${nodeKey(input.from)} - ${nodeKey(input.to)} already exists (${duplicate.id})`,
    });
  return problems;
}

function newLinkId(crosswalk: Crosswalk, input: NewCrosswalkLink): string {
  const base = `${nodeKey(input.from)}--${nodeKey(input.to)}`;
  const taken = new Set(crosswalk.links.map((link) => link.id));
  if (!taken.has(base)) return base;
  let counter = 2;
  while (taken.has(`${base}#${counter}`)) counter += 1;
  return `${base}#${counter}`;
}

function buildLink(crosswalk: Crosswalk, input: NewCrosswalkLink, editor: CrosswalkEditor): CrosswalkLink {
  return {
    id: newLinkId(crosswalk, input),
    from: { ...input.from },
    to: { ...input.to },
    basis: input.basis,
    ...(input.source?.trim() ? { source: input.source.trim() } : {}),
    unverified: input.unverified ?? false,
    ...(input.note ? { note: input.note } : {}),
    status: 'active',
    createdBy: editor.actor,
    createdAt: editor.at,
  };
}

/** Add a link, or say precisely why not (the crosswalk is then unchanged). */
export function addCrosswalkLink(
  crosswalk: Crosswalk,
  input: NewCrosswalkLink,
  editor: CrosswalkEditor,
): CrosswalkEditResult {
  const problems = checkNewLink(crosswalk, input);
  if (problems.length > 0) return { ok: false, problems };
  const link = buildLink(crosswalk, input, editor);
  return { ok: true, crosswalk: { links: [...crosswalk.links, link] }, link };
}

/** Retire an active link with a reason; it stays in the table as history. */
export function retireCrosswalkLink(
  crosswalk: Crosswalk,
  id: string,
  editor: CrosswalkEditor & { reason: string },
): CrosswalkEditResult {
  const link = crosswalk.links.find((entry) => entry.id === id);
  if (!link) return { ok: false, problems: [{ field: 'id', value: id, message: 'no such link' }] };
  if (link.status === 'retired')
    return { ok: false, problems: [{ field: 'id', value: id, message: 'the link is already retired' }] };
  if (editor.reason.trim() === '')
    return { ok: false, problems: [{ field: 'reason', message: 'retiring a link needs a reason' }] };
  const retired: CrosswalkLink = {
    ...link,
    status: 'retired',
    retired: { by: editor.actor, at: editor.at, reason: editor.reason },
  };
  return {
    ok: true,
    crosswalk: { links: crosswalk.links.map((entry) => (entry.id === id ? retired : entry)) },
    link: retired,
  };
}

/** Change a link (e.g. editorial -> source once a source is found): the old link is retired and a new one replaces it. */
export function replaceCrosswalkLink(
  crosswalk: Crosswalk,
  id: string,
  input: NewCrosswalkLink,
  editor: CrosswalkEditor & { reason: string },
): CrosswalkEditResult {
  const problems = checkNewLink(crosswalk, input, id);
  if (problems.length > 0) return { ok: false, problems };
  const retired = retireCrosswalkLink(crosswalk, id, editor);
  if (!retired.ok) return retired;
  const link = { ...buildLink(retired.crosswalk, input, editor), replaces: id };
  return { ok: true, crosswalk: { links: [...retired.crosswalk.links, link] }, link };
}

/** The link with this id, or undefined. */
function findCrosswalkLink(crosswalk: Crosswalk, id: string): CrosswalkLink | undefined {
  return crosswalk.links.find((link) => link.id === id);
}

/** The link with this id; throws CrosswalkLinkNotFoundError. */
export function getCrosswalkLink(crosswalk: Crosswalk, id: string): CrosswalkLink {
  const link = findCrosswalkLink(crosswalk, id);
  if (!link) throw new CrosswalkLinkNotFoundError(id);
  return link;
}

/** A node reached from another, with the chains of links that reach it. */
export interface CrosswalkMapping {
  node: CrosswalkNode;
  /** `source` when at least one chain is made only of sourced links; otherwise `editorial`. */
  basis: LinkBasis;
  /** Some sourced chain relies on an unverified source, and no chain is fully verified. */
  unverified: boolean;
  paths: CrosswalkLink[][];
}

function activeNeighbours(
  crosswalk: Crosswalk,
  node: CrosswalkNode,
  kind: CrosswalkNodeKind,
): { node: CrosswalkNode; link: CrosswalkLink }[] {
  const key = nodeKey(node);
  const found: { node: CrosswalkNode; link: CrosswalkLink }[] = [];
  for (const link of crosswalk.links) {
    if (link.status !== 'active') continue;
    if (nodeKey(link.from) === key && link.to.kind === kind) found.push({ node: link.to, link });
    else if (nodeKey(link.to) === key && link.from.kind === kind) found.push({ node: link.from, link });
  }
  return found;
}

const compareIds = (left: string, right: string) => left.localeCompare(right, 'en', { numeric: true });

/**
 * The nodes of `kind` reached from `from` along active links, directly or through the given chain of
 * intermediate kinds (`via`), in id order, each with its basis.
 * @example mapCrosswalk(crosswalk, { kind: 'sdg-10-7-2-domain', id: 'DOMAIN4' }, 'sdg-target', ['gcm-objective'])
 */
export function mapCrosswalk(
  crosswalk: Crosswalk,
  from: CrosswalkNode,
  kind: CrosswalkNodeKind,
  via: readonly CrosswalkNodeKind[] = [],
): CrosswalkMapping[] {
  let frontier: { node: CrosswalkNode; path: CrosswalkLink[] }[] = [{ node: from, path: [] }];
  for (const step of [...via, kind]) {
    frontier = frontier.flatMap((entry) =>
      activeNeighbours(crosswalk, entry.node, step).map((next) => ({
        node: next.node,
        path: [...entry.path, next.link],
      })),
    );
  }
  const byNode = new Map<string, CrosswalkMapping>();
  for (const entry of frontier) {
    const key = nodeKey(entry.node);
    const mapping = byNode.get(key) ?? { node: entry.node, basis: 'editorial', unverified: false, paths: [] };
    mapping.paths.push(entry.path);
    byNode.set(key, mapping);
  }
  for (const mapping of byNode.values()) {
    const sourced = mapping.paths.filter((path) => path.every((link) => link.basis === 'source'));
    mapping.basis = sourced.length > 0 ? 'source' : 'editorial';
    mapping.unverified = sourced.length > 0 && sourced.every((path) => path.some((link) => link.unverified));
  }
  return [...byNode.values()].sort((left, right) => compareIds(left.node.id, right.node.id));
}

/** Merge mappings of the same kind from several routes; a node is `source` if any route is. */
export function mergeMappings(...lists: readonly (readonly CrosswalkMapping[])[]): CrosswalkMapping[] {
  const byNode = new Map<string, CrosswalkMapping>();
  for (const mapping of lists.flat()) {
    const key = nodeKey(mapping.node);
    const existing = byNode.get(key);
    if (!existing) {
      byNode.set(key, { ...mapping, paths: [...mapping.paths] });
      continue;
    }
    existing.paths.push(...mapping.paths);
    const sourced = existing.basis === 'source' || mapping.basis === 'source';
    existing.unverified = sourced
      ? (existing.basis !== 'source' || existing.unverified) && (mapping.basis !== 'source' || mapping.unverified)
      : false;
    existing.basis = sourced ? 'source' : 'editorial';
  }
  return [...byNode.values()].sort((left, right) => compareIds(left.node.id, right.node.id));
}
