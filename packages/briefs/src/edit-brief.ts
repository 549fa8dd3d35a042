/**
 * Editing a brief: an edit is based on the latest version (optimistic locking) and appends a new
 * version with the editor, the time and what changed; earlier versions stay as they were.
 */
import { findRefusedCharacter } from '@migov/core';
import {
  BriefConflictError,
  BriefInputError,
  CHECKLIST_STATUSES,
  MAINSTREAMING_ELEMENTS,
  PLANNING_STAGES,
  latestBriefVersion,
  type BriefContent,
  type BriefDocument,
  type ChecklistStatus,
  type MainstreamingElement,
  type PlanningStage,
} from './brief.model.ts';

/** The parts of a brief an editor may change. Generated facts (results, gaps, processes) change by regenerating. */
export interface BriefEdit {
  title?: string;
  summary?: string;
  notes?: string;
  entryPoints?: Partial<Record<PlanningStage, string>>;
  checklist?: Partial<Record<MainstreamingElement, { status?: ChecklistStatus; note?: string }>>;
}

/** Who edits, when, on which version, and why. */
export interface BriefEditor {
  actor: string;
  at: string;
  expectedVersion: number;
  description: string;
}

const MAX_TEXT = 20_000;

function checkText(field: string, text: string | undefined, required: boolean): void {
  if (text === undefined) return;
  if (required && text.trim() === '') throw new BriefInputError(field, 'may not be empty');
  if (text.length > MAX_TEXT) throw new BriefInputError(field, `${text.length} characters (at most ${MAX_TEXT})`);
  const refused = findRefusedCharacter(text);
  if (refused) throw new BriefInputError(field, refused.message);
}

/**
 * Apply an edit: returns the brief with a new latest version. Throws BriefConflictError when
 * `expectedVersion` is not the latest, BriefInputError for a bad field (nothing changes then).
 */
export function editBrief(document: BriefDocument, edit: BriefEdit, editor: BriefEditor): BriefDocument {
  const latest = latestBriefVersion(document);
  if (editor.expectedVersion !== latest.version) throw new BriefConflictError(editor.expectedVersion, latest);
  if (editor.actor.trim() === '') throw new BriefInputError('actor', 'an edit needs its author');
  if (Number.isNaN(Date.parse(editor.at))) throw new BriefInputError('at', `${editor.at} is not a date-time`);
  checkText('title', edit.title, true);
  checkText('summary', edit.summary, false);
  checkText('notes', edit.notes, false);
  checkText('description', editor.description, true);
  for (const [stage, text] of Object.entries(edit.entryPoints ?? {})) {
    if (!(PLANNING_STAGES as readonly string[]).includes(stage))
      throw new BriefInputError(`entryPoints.${stage}`, `unknown stage (stages: ${PLANNING_STAGES.join(', ')})`);
    checkText(`entryPoints.${stage}`, text, false);
  }
  for (const [element, change] of Object.entries(edit.checklist ?? {})) {
    if (!(MAINSTREAMING_ELEMENTS as readonly string[]).includes(element))
      throw new BriefInputError(
        `checklist.${element}`,
        `unknown element (elements: ${MAINSTREAMING_ELEMENTS.join(', ')})`,
      );
    if (change.status !== undefined && !(CHECKLIST_STATUSES as readonly string[]).includes(change.status)) {
      throw new BriefInputError(
        `checklist.${element}.status`,
        `${change.status} (statuses: ${CHECKLIST_STATUSES.join(', ')})`,
      );
    }
    checkText(`checklist.${element}.note`, change.note, false);
  }
  const before = latest.content;
  const content: BriefContent = {
    ...before,
    ...(edit.title === undefined ? {} : { title: edit.title }),
    ...(edit.summary === undefined ? {} : { summary: edit.summary }),
    ...(edit.notes === undefined ? {} : { notes: edit.notes }),
    entryPoints: before.entryPoints.map((entry) => {
      const text = edit.entryPoints?.[entry.stage];
      return text === undefined ? entry : { ...entry, text };
    }),
    checklist: before.checklist.map((item) => {
      const change = edit.checklist?.[item.element];
      if (!change) return item;
      return {
        ...item,
        ...(change.status ? { status: change.status } : {}),
        ...(change.note === undefined ? {} : { note: change.note }),
      };
    }),
  };
  return {
    ...document,
    versions: [
      ...document.versions,
      {
        version: latest.version + 1,
        createdAt: editor.at,
        createdBy: editor.actor,
        change: 'edited',
        description: editor.description,
        content,
      },
    ],
  };
}
