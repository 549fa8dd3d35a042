/**
 * Stata .dta files of formats 117 (Stata 13), 118 (Stata 14-18) and 119 (more than 32,767 variables),
 * read as a stream following Stata's published description of the format (`help dta`): the
 * tagged header with its byte order (MSF/LSF), the map of section offsets, variable types (str1-
 * str2045, strL, double, float, long, int, byte), names, variable labels, value-label names,
 * characteristics (the `svyset` weight, strata and first-stage units), the data, the strLs (GSO
 * blocks; only those of the variables read are kept) and the value-label tables. Missing values
 * (`.`, `.a`-`.z`) are read as empty cells.
 */
import { stat } from 'node:fs/promises';
import { ByteSource, EndOfData, readAt } from './byte-source.ts';
import {
  FileFormatError,
  type FileMetadata,
  type FileVariable,
  type ReadProgress,
  type RecordSink,
  type StatisticalFile,
} from './file-metadata.ts';

const TYPE_DOUBLE = 65526;
const TYPE_FLOAT = 65527;
const TYPE_LONG = 65528;
const TYPE_INT = 65529;
const TYPE_BYTE = 65530;
const TYPE_STRL = 32768;

interface DtaVariable extends FileVariable {
  typeCode: number;
  /** Bytes in a record. */
  size: number;
  /** Offset in a record. */
  offset: number;
  /** 1-based variable number (strL `v`). */
  number: number;
  labelSet: string;
}

interface Layout {
  release: 117 | 118 | 119;
  littleEndian: boolean;
  variables: number;
  records: number;
  map: number[];
}

function sizeOf(code: number): number {
  if (code >= 1 && code <= 2045) return code;
  switch (code) {
    case TYPE_STRL:
    case TYPE_DOUBLE:
      return 8;
    case TYPE_FLOAT:
    case TYPE_LONG:
      return 4;
    case TYPE_INT:
      return 2;
    case TYPE_BYTE:
      return 1;
    default:
      throw new FileFormatError(`unknown variable type code ${code}`);
  }
}

/** A Stata missing value as its code (`.`, `.a`…`.z`), or undefined for a valid number. */
function missingCode(index: number): string {
  return index === 0 ? '.' : `.${String.fromCharCode(96 + index)}`;
}

class Cursor {
  at = 0;
  constructor(
    readonly bytes: Buffer,
    readonly littleEndian: boolean,
    readonly base: number,
  ) {}
  expect(tag: string): void {
    const found = this.bytes.toString('latin1', this.at, this.at + tag.length);
    if (found !== tag)
      throw new FileFormatError(
        `expected "${tag}", found "${found.replace(/[^\x20-\x7e]/g, '?')}"`,
        this.base + this.at,
      );
    this.at += tag.length;
  }
  peek(tag: string): boolean {
    return this.bytes.toString('latin1', this.at, this.at + tag.length) === tag;
  }
  need(n: number): void {
    if (this.at + n > this.bytes.length)
      throw new FileFormatError(`the section ends where ${n} more bytes were expected`, this.base + this.at);
  }
  uint(bytes: 1 | 2 | 3 | 4 | 5 | 6 | 8): number {
    this.need(bytes);
    const value =
      bytes === 8
        ? Number(this.littleEndian ? this.bytes.readBigUInt64LE(this.at) : this.bytes.readBigUInt64BE(this.at))
        : this.littleEndian
          ? this.bytes.readUIntLE(this.at, bytes)
          : this.bytes.readUIntBE(this.at, bytes);
    this.at += bytes;
    return value;
  }
  int32(): number {
    this.need(4);
    const value = this.littleEndian ? this.bytes.readInt32LE(this.at) : this.bytes.readInt32BE(this.at);
    this.at += 4;
    return value;
  }
  take(n: number): Buffer {
    this.need(n);
    const value = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return value;
  }
}

function cString(bytes: Buffer, decoder: TextDecoder): string {
  const end = bytes.indexOf(0);
  return decoder.decode(end < 0 ? bytes : bytes.subarray(0, end));
}

async function readLayout(path: string): Promise<Layout> {
  const head = await readAt(path, 0, 512);
  const first = head[0];
  if (head.toString('latin1', 0, 11) !== '<stata_dta>') {
    if (first !== undefined && first >= 102 && first <= 116) {
      throw new FileFormatError(
        `Stata format ${first} (Stata 12 or earlier): not read; save it as Stata 13 or later (format 117-119), e.g. \`saveold file, version(13)\``,
        0,
      );
    }
    throw new FileFormatError('not a Stata .dta file (no <stata_dta> header)', 0);
  }
  const cursor = new Cursor(head, true, 0);
  cursor.expect('<stata_dta><header><release>');
  const release = Number(cursor.take(3).toString('latin1'));
  if (release !== 117 && release !== 118 && release !== 119)
    throw new FileFormatError(`Stata format ${release}: formats 117, 118 and 119 are read`, 28);
  cursor.expect('</release><byteorder>');
  const order = cursor.take(3).toString('latin1');
  if (order !== 'MSF' && order !== 'LSF')
    throw new FileFormatError(`byte order "${order}" (MSF or LSF)`, cursor.at - 3);
  const ordered = new Cursor(head, order === 'LSF', 0);
  ordered.at = cursor.at;
  ordered.expect('</byteorder><K>');
  const variables = ordered.uint(release === 119 ? 4 : 2);
  ordered.expect('</K><N>');
  const records = ordered.uint(release === 117 ? 4 : 8);
  ordered.expect('</N><label>');
  const labelLength = ordered.uint(release === 117 ? 1 : 2);
  ordered.take(labelLength);
  ordered.expect('</label><timestamp>');
  const stampLength = ordered.uint(1);
  ordered.take(stampLength);
  ordered.expect('</timestamp></header><map>');
  const map: number[] = [];
  for (let i = 0; i < 14; i++) map.push(ordered.uint(8));
  ordered.expect('</map>');
  return { release, littleEndian: order === 'LSF', variables, records, map };
}

async function section(path: string, layout: Layout, index: number, tag: string): Promise<Cursor> {
  const start = layout.map[index]!;
  const end = layout.map[index + 1]!;
  if (!(end >= start)) throw new FileFormatError(`map: section <${tag}> ends (${end}) before it starts (${start})`);
  const bytes = await readAt(path, start, end - start);
  const cursor = new Cursor(bytes, layout.littleEndian, start);
  cursor.expect(`<${tag}>`);
  return cursor;
}

/** Open a Stata .dta file: its metadata now, its records on `read`. */
export async function openDta(path: string): Promise<StatisticalFile> {
  const layout = await readLayout(path);
  const { release, variables: k } = layout;
  const decoder = new TextDecoder(release === 117 ? 'windows-1252' : 'utf-8');
  const nameLength = release === 117 ? 33 : 129;

  const types = await section(path, layout, 2, 'variable_types');
  const codes = Array.from({ length: k }, () => types.uint(2));
  const names = await section(path, layout, 3, 'varnames');
  const labelNames = await section(path, layout, 6, 'value_label_names');
  const labels = await section(path, layout, 7, 'variable_labels');
  const labelLength = release === 117 ? 81 : 321;
  let offset = 0;
  const variables: DtaVariable[] = codes.map((typeCode, index) => {
    const size = sizeOf(typeCode);
    const variable: DtaVariable = {
      name: cString(names.take(nameLength), decoder),
      type: typeCode <= 2045 || typeCode === TYPE_STRL ? 'string' : 'number',
      valueLabels: new Map(),
      typeCode,
      size,
      offset,
      number: index + 1,
      labelSet: cString(labelNames.take(nameLength), decoder),
    };
    const label = cString(labels.take(labelLength), decoder);
    if (label) variable.label = label;
    if (variable.type === 'number') variable.missing = '. and .a-.z';
    offset += size;
    return variable;
  });
  const recordLength = offset;

  // characteristics: the svyset design
  const characteristics = new Map<string, string>();
  const chars = await section(path, layout, 8, 'characteristics');
  while (chars.peek('<ch>')) {
    chars.expect('<ch>');
    const length = chars.uint(4);
    const body = chars.take(length);
    chars.expect('</ch>');
    if (length < 2 * nameLength)
      throw new FileFormatError(
        `characteristic of ${length} bytes (at least ${2 * nameLength})`,
        chars.base + chars.at,
      );
    const owner = cString(body.subarray(0, nameLength), decoder);
    const name = cString(body.subarray(nameLength, 2 * nameLength), decoder);
    characteristics.set(`${owner}[${name}]`, cString(body.subarray(2 * nameLength), decoder));
  }
  chars.expect('</characteristics>');

  // value labels
  const tables = new Map<string, Map<string, string>>();
  const valueLabels = await section(path, layout, 11, 'value_labels');
  while (valueLabels.peek('<lbl>')) {
    valueLabels.expect('<lbl>');
    const length = valueLabels.uint(4);
    const name = cString(valueLabels.take(nameLength), decoder);
    valueLabels.take(3);
    const table = new Cursor(valueLabels.take(length), layout.littleEndian, valueLabels.base + valueLabels.at - length);
    valueLabels.expect('</lbl>');
    const entries = table.int32();
    const textLength = table.int32();
    if (entries < 0 || textLength < 0 || 8 + 8 * entries + textLength > length)
      throw new FileFormatError(
        `value label table ${name}: ${entries} entries and ${textLength} bytes of text do not fit its ${length} bytes`,
        table.base,
      );
    const offsets = Array.from({ length: entries }, () => table.int32());
    const values = Array.from({ length: entries }, () => table.int32());
    const text = table.take(textLength);
    const mapping = new Map<string, string>();
    values.forEach((value, i) => {
      const at = offsets[i]!;
      if (at < 0 || at >= textLength)
        throw new FileFormatError(
          `value label table ${name}: label offset ${at} outside its ${textLength} bytes of text`,
          table.base,
        );
      const key = value >= 2147483621 ? missingCode(value - 2147483621) : String(value);
      mapping.set(key, cString(text.subarray(at), decoder));
    });
    tables.set(name, mapping);
  }
  valueLabels.expect('</value_labels>');
  for (const variable of variables)
    if (variable.labelSet) variable.valueLabels = tables.get(variable.labelSet) ?? new Map();

  const svy = (name: string) => {
    const value = characteristics.get(`_dta[${name}]`)?.trim();
    return value && variables.some((variable) => variable.name === value) ? value : undefined;
  };
  const weight = svy('_svy_wvar');
  const stratum = svy('_svy_strata1');
  const psu = svy('_svy_su1');
  const metadata: FileMetadata = {
    format: 'dta',
    description: `Stata format ${release} (${layout.littleEndian ? 'LSF' : 'MSF'})`,
    variables: variables.map(({ name, type, label, valueLabels: labelsOf, missing }) => ({
      name,
      type,
      valueLabels: labelsOf,
      ...(label ? { label } : {}),
      ...(missing ? { missing } : {}),
    })),
    rows: layout.records,
    ...(weight ? { weight } : {}),
    ...(stratum ? { stratum } : {}),
    ...(psu ? { psu } : {}),
  };

  async function readStrls(selected: ReadonlySet<number>): Promise<Map<string, string>> {
    const strls = new Map<string, string>();
    if (selected.size === 0) return strls;
    const source = ByteSource.fromFile(path, { start: layout.map[10]! });
    const le = layout.littleEndian;
    try {
      const open = (await source.read(7)).toString('latin1');
      if (open !== '<strls>') throw new FileFormatError(`expected "<strls>", found "${open}"`, layout.map[10]);
      const oBytes = release === 117 ? 4 : 8;
      for (;;) {
        const at = source.position;
        const tag = (await source.read(3)).toString('latin1');
        if (tag === '</s') {
          await source.read(5);
          break;
        }
        if (tag !== 'GSO') throw new FileFormatError(`expected "GSO" or "</strls>", found "${tag}"`, at);
        const head = await source.read(4 + oBytes + 1 + 4);
        const v = le ? head.readUInt32LE(0) : head.readUInt32BE(0);
        const o =
          oBytes === 4
            ? le
              ? head.readUInt32LE(4)
              : head.readUInt32BE(4)
            : Number(le ? head.readBigUInt64LE(4) : head.readBigUInt64BE(4));
        const t = head[4 + oBytes]!;
        const length = le ? head.readUInt32LE(5 + oBytes) : head.readUInt32BE(5 + oBytes);
        if (t !== 129 && t !== 130) throw new FileFormatError(`strL (${v},${o}): type ${t} (129 binary, 130 text)`, at);
        if (!selected.has(v)) {
          // skip without holding it
          let remaining = length;
          while (remaining > 0) {
            const step = Math.min(remaining, 1 << 20);
            await source.read(step);
            remaining -= step;
          }
          continue;
        }
        const body = await source.read(length);
        const text = t === 130 && body[length - 1] === 0 ? body.subarray(0, length - 1) : body;
        strls.set(`${v}:${o}`, decoder.decode(text));
      }
    } catch (error) {
      if (error instanceof EndOfData) throw new FileFormatError('the file ends inside its strLs', error.offset);
      throw error;
    } finally {
      await source.close();
    }
    return strls;
  }

  async function read(
    selected: readonly string[],
    sink: RecordSink,
    onProgress?: (progress: ReadProgress) => void,
  ): Promise<number> {
    const chosen = selected.map((name) => {
      const variable = variables.find((candidate) => candidate.name === name);
      if (!variable) throw new FileFormatError(`no variable ${name}`);
      return variable;
    });
    const strls = await readStrls(
      new Set(chosen.filter((variable) => variable.typeCode === TYPE_STRL).map((variable) => variable.number)),
    );
    const le = layout.littleEndian;
    const totalBytes = (await stat(path)).size;
    const dataStart = layout.map[9]!;
    const source = ByteSource.fromFile(path, { start: dataStart });
    const vBytes = release === 117 ? 4 : release === 118 ? 2 : 3;
    let rows = 0;
    try {
      const open = (await source.read(6)).toString('latin1');
      if (open !== '<data>') throw new FileFormatError(`expected "<data>", found "${open}"`, dataStart);
      for (; rows < layout.records; rows++) {
        if (!source.has(recordLength) && !(await source.fill(recordLength)))
          throw new FileFormatError(`record ${rows + 1} of ${layout.records} is truncated`, source.position);
        const record = source.take(recordLength);
        for (let column = 0; column < chosen.length; column++) {
          const variable = chosen[column]!;
          const at = variable.offset;
          switch (variable.typeCode) {
            case TYPE_DOUBLE: {
              const value = le ? record.readDoubleLE(at) : record.readDoubleBE(at);
              sink.number(column, value >= 8.98846567431158e307 || Number.isNaN(value) ? null : value);
              break;
            }
            case TYPE_FLOAT: {
              const value = le ? record.readFloatLE(at) : record.readFloatBE(at);
              sink.number(column, value >= 1.7014118346046923e38 || Number.isNaN(value) ? null : value);
              break;
            }
            case TYPE_LONG: {
              const value = le ? record.readInt32LE(at) : record.readInt32BE(at);
              sink.number(column, value > 2147483620 ? null : value);
              break;
            }
            case TYPE_INT: {
              const value = le ? record.readInt16LE(at) : record.readInt16BE(at);
              sink.number(column, value > 32740 ? null : value);
              break;
            }
            case TYPE_BYTE: {
              const value = record.readInt8(at);
              sink.number(column, value > 100 ? null : value);
              break;
            }
            case TYPE_STRL: {
              const v = le ? record.readUIntLE(at, vBytes) : record.readUIntBE(at, vBytes);
              const o = le ? record.readUIntLE(at + vBytes, 8 - vBytes) : record.readUIntBE(at + vBytes, 8 - vBytes);
              if (v === 0 && o === 0) {
                sink.string(column, '');
                break;
              }
              const value = strls.get(`${v}:${o}`);
              if (value === undefined)
                throw new FileFormatError(
                  `record ${rows + 1}, variable ${variable.name}: strL (${v},${o}) is not in the file`,
                  source.position - recordLength + at,
                );
              sink.string(column, value);
              break;
            }
            default: {
              const bytes = record.subarray(at, at + variable.size);
              const end = bytes.indexOf(0);
              sink.string(column, decoder.decode(end < 0 ? bytes : bytes.subarray(0, end)));
            }
          }
        }
        const pending = sink.endRecord();
        if (pending) await pending;
        if ((rows & 0xffff) === 0xffff)
          onProgress?.({ rows: rows + 1, totalRows: layout.records, bytes: dataStart + source.consumed, totalBytes });
      }
      const close = (await source.read(7)).toString('latin1');
      if (close !== '</data>')
        throw new FileFormatError(
          `expected "</data>" after ${layout.records} records, found "${close.replace(/[^\x20-\x7e]/g, '?')}"`,
          source.position - 7,
        );
    } catch (error) {
      if (error instanceof EndOfData)
        throw new FileFormatError(`record ${rows + 1} of ${layout.records} is truncated`, error.offset);
      throw error;
    } finally {
      await source.close();
    }
    onProgress?.({ rows, totalRows: layout.records, bytes: totalBytes, totalBytes });
    return rows;
  }
  return { metadata, read };
}
