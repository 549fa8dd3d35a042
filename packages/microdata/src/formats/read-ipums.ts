/**
 * IPUMS-style extracts: a DDI Codebook (2.x) XML file describing a fixed-width ASCII data file
 * (`.dat`, or gzipped `.dat.gz`). From the DDI: each variable's columns (`location StartPos/EndPos`),
 * implied decimals (`dcml`), type (`varFormat type`), label, value labels (`catgry`, with
 * `missing="Y"` categories read as empty cells), the weight (`wgt="wgt"`, and the `wgt-var` the
 * person variables point to), and for hierarchical files the record types (`fileStrc`, `recGrp`,
 * the record-type variable): household values are carried onto the person records that follow
 * them, as a rectangular extract would repeat them. The XML is parsed with entities off after
 * refusing any DOCTYPE or ENTITY declaration.
 */
import { XMLParser } from 'fast-xml-parser';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ByteSource } from './byte-source.ts';
import {
  codeKey,
  FileFormatError,
  type FileMetadata,
  type FileVariable,
  type ReadProgress,
  type RecordSink,
  type StatisticalFile,
} from './file-metadata.ts';

interface DdiVariable extends FileVariable {
  /** 0-based first column and width in bytes. */
  start: number;
  width: number;
  decimals: number;
  recordTypes: string[];
  missingCodes: Set<string>;
  weightVariable?: string;
  isWeight: boolean;
}

type XmlNode = Record<string, unknown>;

const list = (value: unknown): XmlNode[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as XmlNode[]) : [value as XmlNode];
const textOf = (value: unknown): string => {
  if (value === undefined || value === null) return '';
  if (typeof value === 'object') return textOf((value as XmlNode)['#text']);
  return String(value).trim();
};

/** Parse the DDI codebook (no DTD, no entities). */
function parseDdi(
  xml: string,
  file: string,
): {
  variables: DdiVariable[];
  dataFile?: string;
  recordTypeVariable?: string;
  recordTypes: string[];
  rows?: number;
  charset?: string;
} {
  const declaration = /<!\s*(DOCTYPE|ENTITY)/i.exec(xml);
  if (declaration)
    throw new FileFormatError(
      `${file}: XML declares a ${declaration[1]!.toUpperCase()}; a DDI codebook needs none and it is refused`,
    );
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: false,
    trimValues: true,
  });
  let document: XmlNode;
  try {
    document = parser.parse(xml) as XmlNode;
  } catch (error) {
    throw new FileFormatError(`${file}: malformed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  const codeBook = document['codeBook'] as XmlNode | undefined;
  if (!codeBook) throw new FileFormatError(`${file}: not a DDI codebook (no <codeBook> element)`);
  const fileDscr = list(codeBook['fileDscr'])[0];
  const fileTxt = fileDscr ? (fileDscr['fileTxt'] as XmlNode | undefined) : undefined;
  const dataFile = fileTxt ? textOf(fileTxt['fileName']) || undefined : undefined;
  const structure = fileTxt ? (fileTxt['fileStrc'] as XmlNode | undefined) : undefined;
  const hierarchical = structure?.['@type'] === 'hierarchical';
  const groups = structure ? list(structure['recGrp']) : [];
  const recordTypeVariable = hierarchical ? String(groups[0]?.['@recidvar'] ?? 'RECTYPE') : undefined;
  const recordTypes = hierarchical ? groups.map((group) => String(group['@rectype'] ?? '')) : [];
  const cases = fileTxt ? textOf((fileTxt['dimensns'] as XmlNode | undefined)?.['caseQnty']) : '';
  const charset = textOf(fileTxt ? (fileTxt['fileType'] as XmlNode | undefined)?.['@charset'] : undefined) || undefined;
  const dataDscr = codeBook['dataDscr'] as XmlNode | undefined;
  const variables: DdiVariable[] = list(dataDscr?.['var']).map((node) => {
    const name = String(node['@name'] ?? node['@ID'] ?? '');
    const location = list(node['location'])[0];
    if (!name || !location)
      throw new FileFormatError(`${file}: variable ${name || '(unnamed)'} has no name or no <location>`);
    const startPos = Number(location['@StartPos']);
    const endPos =
      location['@EndPos'] !== undefined ? Number(location['@EndPos']) : startPos + Number(location['@width']) - 1;
    if (!Number.isInteger(startPos) || !Number.isInteger(endPos) || startPos < 1 || endPos < startPos)
      throw new FileFormatError(
        `${file}: variable ${name}: location StartPos=${String(location['@StartPos'])} EndPos=${String(location['@EndPos'])} is not a column range`,
      );
    const format = list(node['varFormat'])[0];
    const type = format?.['@type'] === 'character' ? 'string' : 'number';
    const decimals = Number(node['@dcml'] ?? 0);
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15)
      throw new FileFormatError(`${file}: variable ${name}: dcml="${String(node['@dcml'])}" (0-15 implied decimals)`);
    const valueLabels = new Map<string, string>();
    const missingCodes = new Set<string>();
    for (const category of list(node['catgry'])) {
      const raw = textOf(category['catValu']);
      const key = type === 'number' && raw !== '' && !Number.isNaN(Number(raw)) ? codeKey(Number(raw)) : raw;
      valueLabels.set(key, textOf(category['labl']));
      if (category['@missing'] === 'Y') missingCodes.add(key);
    }
    const label = textOf(list(node['labl'])[0]);
    const variable: DdiVariable = {
      name,
      type,
      valueLabels,
      start: startPos - 1,
      width: endPos - startPos + 1,
      decimals,
      recordTypes: String(node['@rectype'] ?? '')
        .split(/\s+/)
        .filter(Boolean),
      missingCodes,
      isWeight: node['@wgt'] === 'wgt',
      ...(label ? { label } : {}),
      ...(node['@wgt-var'] ? { weightVariable: String(node['@wgt-var']).split(/\s+/)[0]! } : {}),
    };
    if (missingCodes.size > 0) variable.missing = [...missingCodes].join(', ');
    return variable;
  });
  if (variables.length === 0)
    throw new FileFormatError(`${file}: the codebook describes no variables (<dataDscr><var>)`);
  return {
    variables,
    ...(dataFile ? { dataFile } : {}),
    ...(recordTypeVariable ? { recordTypeVariable } : {}),
    recordTypes,
    ...(cases && /^\d+$/.test(cases) ? { rows: Number(cases) } : {}),
    ...(charset ? { charset } : {}),
  };
}

/** The weight the file names: the one most person variables point to (`wgt-var`), else the only `wgt="wgt"` variable. */
function weightOf(variables: DdiVariable[]): string | undefined {
  const votes = new Map<string, number>();
  for (const variable of variables)
    if (variable.weightVariable) votes.set(variable.weightVariable, (votes.get(variable.weightVariable) ?? 0) + 1);
  const named = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (named && variables.some((variable) => variable.name === named)) return named;
  const flagged = variables.filter((variable) => variable.isWeight);
  return flagged.length === 1 ? flagged[0]!.name : undefined;
}

/** Where the fixed-width data are: the DDI's fileName beside it, else `<codebook name>.dat`, each also as `.gz`. */
function findDataFile(ddiPath: string, named: string | undefined): string {
  const base = ddiPath.replace(/\.xml$/i, '');
  const candidates = [...(named ? [join(dirname(ddiPath), named)] : []), `${base}.dat`];
  for (const candidate of candidates) {
    if (existsSync(candidate)) return candidate;
    if (existsSync(`${candidate}.gz`)) return `${candidate}.gz`;
  }
  throw new FileFormatError(
    `the data file the codebook describes is not there: looked for ${candidates.flatMap((candidate) => [candidate, `${candidate}.gz`]).join(', ')}`,
  );
}

/** A fixed-width field as a number: digits (implied decimals applied), or a decimal with its point; null when blank. */
function parseNumber(line: Buffer, start: number, width: number, decimals: number): number | null | undefined {
  let at = start;
  const end = Math.min(start + width, line.length);
  while (at < end && line[at] === 0x20) at++;
  let last = end;
  while (last > at && line[last - 1] === 0x20) last--;
  if (at >= last) return null;
  let negative = false;
  if (line[at] === 0x2d) {
    negative = true;
    at++;
  }
  let value = 0;
  let digits = 0;
  for (let i = at; i < last; i++) {
    const c = line[i]! - 0x30;
    if (c < 0 || c > 9) {
      const text = line.toString('latin1', start, end).trim();
      const parsed = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text) ? Number(text) : undefined;
      return parsed;
    }
    value = value * 10 + c;
    digits++;
  }
  if (digits > 15) return Number(line.toString('latin1', start, end).trim()) / 10 ** decimals;
  const scaled = decimals === 0 ? value : value / 10 ** decimals;
  return negative ? -scaled : scaled;
}

/** Open an IPUMS-style extract from its DDI codebook (.xml). */
export async function openIpums(ddiPath: string): Promise<StatisticalFile> {
  const name = ddiPath.split(/[\\/]/).pop() ?? ddiPath;
  const ddi = parseDdi(await readFile(ddiPath, 'utf8'), name);
  const dataPath = findDataFile(ddiPath, ddi.dataFile);
  const weight = weightOf(ddi.variables);
  const metadata: FileMetadata = {
    format: 'ipums',
    description: `DDI codebook with ${ddi.recordTypes.length > 0 ? `hierarchical (${ddi.recordTypes.join(', ')})` : 'rectangular'} fixed-width data ${dataPath.split(/[\\/]/).pop()}`,
    variables: ddi.variables.map(({ name: variableName, type, label, valueLabels, missing }) => ({
      name: variableName,
      type,
      valueLabels,
      ...(label ? { label } : {}),
      ...(missing ? { missing } : {}),
    })),
    ...(weight ? { weight } : {}),
    ...(ddi.rows !== undefined && ddi.recordTypes.length === 0 ? { rows: ddi.rows } : {}),
  };
  const decoder = new TextDecoder(ddi.charset && /utf-?8/i.test(ddi.charset) ? 'utf-8' : 'windows-1252');

  async function read(
    selected: readonly string[],
    sink: RecordSink,
    onProgress?: (progress: ReadProgress) => void,
  ): Promise<number> {
    const chosen = selected.map((variableName) => {
      const variable = ddi.variables.find((candidate) => candidate.name === variableName);
      if (!variable) throw new FileFormatError(`no variable ${variableName}`);
      return variable;
    });
    const recordType = ddi.recordTypeVariable
      ? ddi.variables.find((variable) => variable.name === ddi.recordTypeVariable)
      : undefined;
    if (ddi.recordTypeVariable && !recordType)
      throw new FileFormatError(`${name}: the record-type variable ${ddi.recordTypeVariable} is not described`);
    // In a hierarchical file the unit is the last record type (in fileStrc order) a chosen variable lives on.
    const unitType = recordType
      ? (ddi.recordTypes.filter((type) => chosen.some((variable) => variable.recordTypes.includes(type))).at(-1) ??
        ddi.recordTypes.at(-1))
      : undefined;
    const carried: (number | string | null)[] = chosen.map(() => null);
    const gzip = dataPath.toLowerCase().endsWith('.gz');
    const source = ByteSource.fromFile(dataPath, { gunzip: gzip });
    const totalBytes = (await stat(dataPath)).size;
    const dataName = dataPath.split(/[\\/]/).pop() ?? dataPath;
    let line = 0;
    let rows = 0;
    try {
      for (;;) {
        let bytes = source.takeLine();
        if (bytes === undefined) {
          await source.fill(source.buffered + 1);
          bytes = source.takeLine();
          if (bytes === undefined) {
            if (source.ended) break;
            continue;
          }
        }
        line++;
        if (bytes.length === 0) continue;
        let type: string | undefined;
        if (recordType) type = bytes.toString('latin1', recordType.start, recordType.start + recordType.width).trim();
        const isUnit = !recordType || type === unitType;
        for (let column = 0; column < chosen.length; column++) {
          const variable = chosen[column]!;
          if (recordType && !(variable.recordTypes.length === 0 || variable.recordTypes.includes(type!))) continue;
          if (variable.start + variable.width > bytes.length && variable.start >= bytes.length) {
            throw new FileFormatError(
              `${dataName}, line ${line}: the record is ${bytes.length} characters long, variable ${variable.name} is in columns ${variable.start + 1}-${variable.start + variable.width}`,
            );
          }
          let value: number | string | null;
          if (variable.type === 'number') {
            const parsed = parseNumber(bytes, variable.start, variable.width, variable.decimals);
            if (parsed === undefined) {
              throw new FileFormatError(
                `${dataName}, line ${line}, variable ${variable.name} (columns ${variable.start + 1}-${variable.start + variable.width}): "${bytes.toString('latin1', variable.start, variable.start + variable.width).trim()}" is not a number`,
              );
            }
            value =
              parsed !== null && variable.missingCodes.size > 0 && variable.missingCodes.has(codeKey(parsed))
                ? null
                : parsed;
          } else {
            const text = decoder.decode(bytes.subarray(variable.start, variable.start + variable.width)).trim();
            value = variable.missingCodes.size > 0 && variable.missingCodes.has(text) ? null : text;
          }
          carried[column] = value;
        }
        if (!isUnit) continue;
        for (let column = 0; column < chosen.length; column++) {
          const value = carried[column]!;
          if (chosen[column]!.type === 'number') sink.number(column, value as number | null);
          else sink.string(column, value as string | null);
        }
        const pending = sink.endRecord();
        if (pending) await pending;
        if ((++rows & 0xffff) === 0)
          onProgress?.({
            rows,
            ...(metadata.rows !== undefined ? { totalRows: metadata.rows } : {}),
            bytes: source.consumed,
            totalBytes,
          });
      }
    } finally {
      await source.close();
    }
    onProgress?.({
      rows,
      ...(metadata.rows !== undefined ? { totalRows: metadata.rows } : {}),
      bytes: totalBytes,
      totalBytes,
    });
    return rows;
  }
  return { metadata, read };
}
