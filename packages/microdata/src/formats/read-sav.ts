/**
 * SPSS system files (.sav, and .zsav) read as a stream, following the system-file format as GNU PSPP
 * documents it ("System File Format" in the PSPP developers' guide): the file header, variable
 * records (with continuation records for strings wider than 8 bytes), value labels (records 3 and
 * 4, and record 7.21 for long strings), documents, extension records (7.3 integer info with the
 * character code, 7.4 floating point info, 7.13 long variable names, 7.14 very long strings (segments
 * of 255 bytes holding 252 bytes of the value each, the last holding the rest), 7.16
 * 64-bit case count, 7.20 encoding, 7.22 long-string missing values), the dictionary terminator,
 * then the data: uncompressed, bytecode compressed (bias 100) or ZLIB compressed (.zsav). Either
 * byte order. System-missing and user-missing values (discrete, ranges) are read as empty cells.
 */
import { inflateSync } from 'node:zlib';
import { stat } from 'node:fs/promises';
import { ByteSource, EndOfData, readAt } from './byte-source.ts';
import {
  codeKey,
  FileFormatError,
  type FileMetadata,
  type FileVariable,
  type ReadProgress,
  type RecordSink,
  type StatisticalFile,
} from './file-metadata.ts';

interface VariableRecord {
  /** 1-based index of the record among all variable records (= its first 8-byte slot). */
  index: number;
  shortName: string;
  /** 0 numeric, 1..255 string width. */
  width: number;
  rawLabel?: Buffer;
  missingCount: number;
  missingRaw: Buffer[];
}

interface Segment {
  firstSlot: number;
  slots: number;
  /** Bytes of the value this segment holds. */
  used: number;
}

interface LogicalVariable extends FileVariable {
  width: number;
  segments: Segment[];
  /** Numeric missing: discrete values and an optional range. */
  missingValues: number[];
  missingRange?: [number, number];
  /** String missing values, trailing spaces removed. */
  missingStrings: string[];
  shortName: string;
}

interface Dictionary {
  littleEndian: boolean;
  compression: 0 | 1 | 2;
  bias: number;
  slots: number;
  cases: number | undefined;
  weightSlot: number;
  variables: LogicalVariable[];
  dataOffset: number;
  encoding: string;
  fileLabel: string;
  product: string;
}

const SYSMIS = -Number.MAX_VALUE;

/** Windows code page numbers (record 7.3 character code) to WHATWG encoding labels. */
function encodingOfCodePage(code: number): string {
  if (code === 65001) return 'utf-8';
  if (code === 20127 || code === 2 || code === 3) return 'windows-1252';
  if (code >= 28591 && code <= 28605) return `iso-8859-${code - 28590}`;
  if (code === 874 || (code >= 1250 && code <= 1258)) return `windows-${code}`;
  if (code === 932) return 'shift_jis';
  if (code === 936) return 'gbk';
  if (code === 949) return 'euc-kr';
  if (code === 950) return 'big5';
  return 'windows-1252';
}

function decoderFor(label: string): TextDecoder {
  try {
    return new TextDecoder(label);
  } catch {
    throw new FileFormatError(`unsupported character encoding "${label}"`);
  }
}

class Fields {
  constructor(
    private readonly source: ByteSource,
    private readonly littleEndian: boolean,
  ) {}
  async int32(): Promise<number> {
    const bytes = await this.source.read(4);
    return this.littleEndian ? bytes.readInt32LE(0) : bytes.readInt32BE(0);
  }
  async float64(): Promise<number> {
    const bytes = await this.source.read(8);
    return this.littleEndian ? bytes.readDoubleLE(0) : bytes.readDoubleBE(0);
  }
  async bytes(n: number): Promise<Buffer> {
    if (n < 0) throw new FileFormatError(`negative length ${n}`, this.source.position);
    return Buffer.from(await this.source.read(n));
  }
  get position(): number {
    return this.source.position;
  }
}

const rtrim = (text: string) => text.replace(/[ \0]+$/, '');

async function readDictionary(path: string): Promise<Dictionary> {
  const head = await readAt(path, 0, 176);
  if (head.length < 176) throw new FileFormatError('too short for an SPSS system file header (176 bytes)');
  const magic = head.toString('latin1', 0, 4);
  if (magic !== '$FL2' && magic !== '$FL3')
    throw new FileFormatError(
      `not an SPSS system file (starts with "${magic.replace(/[^\x20-\x7e]/g, '?')}", expected "$FL2" or "$FL3")`,
      0,
    );
  const layoutLE = head.readInt32LE(64);
  const layoutBE = head.readInt32BE(64);
  const littleEndian = layoutLE === 2 || layoutLE === 3 ? true : layoutBE === 2 || layoutBE === 3 ? false : undefined;
  if (littleEndian === undefined)
    throw new FileFormatError(`unrecognised layout code (${layoutLE}): neither byte order gives 2 or 3`, 64);
  const int = (offset: number) => (littleEndian ? head.readInt32LE(offset) : head.readInt32BE(offset));
  const compressionCode = int(72);
  if (compressionCode !== 0 && compressionCode !== 1 && compressionCode !== 2)
    throw new FileFormatError(`unknown compression code ${compressionCode}`, 72);
  if ((compressionCode === 2) !== (magic === '$FL3'))
    throw new FileFormatError(`compression code ${compressionCode} does not match the "${magic}" signature`, 72);
  const weightSlot = int(76);
  const headerCases = int(80);
  const bias = littleEndian ? head.readDoubleLE(84) : head.readDoubleBE(84);
  const product = rtrim(head.toString('latin1', 4, 64));

  const source = ByteSource.fromFile(path, { start: 176 });
  const fields = new Fields(source, littleEndian);
  const records: VariableRecord[] = [];
  const valueLabelSets: { labels: [Buffer, Buffer][]; indices: number[] }[] = [];
  const longNames = new Map<string, string>();
  const veryLong = new Map<string, number>();
  const longStringLabels: { name: Buffer; labels: [Buffer, Buffer][] }[] = [];
  const longStringMissing: { name: Buffer; values: Buffer[] }[] = [];
  let characterCode: number | undefined;
  let encodingName: string | undefined;
  let cases64: number | undefined;
  const rawFileLabel = head.subarray(105, 169);
  // Extension records with text, decoded once the encoding is known.
  let longNamesRaw: Buffer | undefined;
  let veryLongRaw: Buffer | undefined;
  let slotIndex = 0;
  try {
    for (;;) {
      const at = fields.position;
      const type = await fields.int32();
      if (type === 2) {
        const width = await fields.int32();
        const hasLabel = await fields.int32();
        const missingCount = await fields.int32();
        await fields.bytes(8); // print and write formats
        const name = await fields.bytes(8);
        slotIndex++;
        let label: Buffer | undefined;
        if (hasLabel === 1) {
          const length = await fields.int32();
          if (length < 0 || length > 65535)
            throw new FileFormatError(`variable record: a label of ${length} bytes`, at);
          label = await fields.bytes(Math.ceil(length / 4) * 4);
          label = label.subarray(0, length);
        } else if (hasLabel !== 0) throw new FileFormatError(`variable record: has_var_label ${hasLabel} (0 or 1)`, at);
        if (width < -1 || width > 255)
          throw new FileFormatError(`variable record: type ${width} (0 numeric, 1..255 string, -1 continuation)`, at);
        if (![0, 1, 2, 3, -2, -3].includes(missingCount) || (width > 0 && missingCount < 0))
          throw new FileFormatError(`variable record: ${missingCount} missing values`, at);
        const missingRaw: Buffer[] = [];
        for (let i = 0; i < Math.abs(missingCount); i++) missingRaw.push(await fields.bytes(8));
        if (width === -1) continue;
        records.push({
          index: slotIndex,
          shortName: rtrim(name.toString('latin1')),
          width,
          missingCount,
          missingRaw,
          ...(label ? { rawLabel: label } : {}),
        });
      } else if (type === 3) {
        const count = await fields.int32();
        if (count < 0 || count > 0x7fffffff / 8) throw new FileFormatError(`value label record: ${count} labels`, at);
        const labels: [Buffer, Buffer][] = [];
        for (let i = 0; i < count; i++) {
          const value = await fields.bytes(8);
          const length = (await fields.bytes(1))[0]!;
          const padded = Math.ceil((length + 1) / 8) * 8 - 1;
          labels.push([value, (await fields.bytes(padded)).subarray(0, length)]);
        }
        const indexAt = fields.position;
        if ((await fields.int32()) !== 4)
          throw new FileFormatError('value label record not followed by its variable index record (type 4)', indexAt);
        const variables = await fields.int32();
        if (variables < 1 || variables > slotIndex)
          throw new FileFormatError(
            `value label record for ${variables} variables (the dictionary has ${slotIndex} so far)`,
            indexAt,
          );
        const indices: number[] = [];
        for (let i = 0; i < variables; i++) indices.push(await fields.int32());
        valueLabelSets.push({ labels, indices });
      } else if (type === 6) {
        const lines = await fields.int32();
        if (lines < 0 || lines > 1 << 20) throw new FileFormatError(`document record: ${lines} lines`, at);
        await fields.bytes(lines * 80);
      } else if (type === 7) {
        const subtype = await fields.int32();
        const size = await fields.int32();
        const count = await fields.int32();
        if (size < 0 || count < 0 || size * count > 1 << 26)
          throw new FileFormatError(`extension record ${subtype}: ${count} items of ${size} bytes`, at);
        const data = await fields.bytes(size * count);
        const int32 = (offset: number) => (littleEndian ? data.readInt32LE(offset) : data.readInt32BE(offset));
        if (subtype === 3 && data.length >= 32) characterCode = int32(28);
        else if (subtype === 13) longNamesRaw = data;
        else if (subtype === 14) veryLongRaw = data;
        else if (subtype === 16 && data.length >= 16)
          cases64 = Number(littleEndian ? data.readBigInt64LE(8) : data.readBigInt64BE(8));
        else if (subtype === 20) encodingName = data.toString('latin1').trim();
        else if (subtype === 21) longStringLabels.push(...parseLongStringLabels(data, int32));
        else if (subtype === 22) longStringMissing.push(...parseLongStringMissing(data, int32));
      } else if (type === 999) {
        await fields.int32();
        break;
      } else {
        throw new FileFormatError(`unknown record type ${type} in the dictionary`, at);
      }
    }
  } catch (error) {
    if (error instanceof EndOfData) throw new FileFormatError('the file ends inside its dictionary', error.offset);
    throw error;
  } finally {
    await source.close();
  }
  const dataOffset = fields.position;

  const encoding = encodingName ?? (characterCode !== undefined ? encodingOfCodePage(characterCode) : 'windows-1252');
  const decoder = decoderFor(encoding);
  const text = (bytes: Buffer | undefined) => (bytes === undefined ? undefined : rtrim(decoder.decode(bytes)));
  if (longNamesRaw) {
    for (const pair of decoder.decode(longNamesRaw).split('\t')) {
      const equals = pair.indexOf('=');
      if (equals > 0) longNames.set(pair.slice(0, equals), pair.slice(equals + 1).replace(/\0+$/, ''));
    }
  }
  if (veryLongRaw) {
    for (const entry of decoder.decode(veryLongRaw).split('\t')) {
      const clean = entry.replace(/\0/g, '');
      const equals = clean.indexOf('=');
      if (equals > 0) veryLong.set(clean.slice(0, equals), Number(clean.slice(equals + 1)));
    }
  }

  // Logical variables: a very long string spans ceil(width / 252) string records (segments).
  const number = (bytes: Buffer) => (littleEndian ? bytes.readDoubleLE(0) : bytes.readDoubleBE(0));
  const variables: LogicalVariable[] = [];
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const trueWidth = veryLong.get(record.shortName);
    const segmentCount = trueWidth !== undefined && trueWidth > 255 ? Math.ceil(trueWidth / 252) : 1;
    const segments: Segment[] = [];
    for (let s = 0; s < segmentCount; s++) {
      const part = records[i + s];
      if (!part || (segmentCount > 1 && part.width <= 0))
        throw new FileFormatError(
          `very long string ${record.shortName} (width ${trueWidth}) needs ${segmentCount} string segments; the dictionary has fewer`,
        );
      const last = s === segmentCount - 1;
      // Every segment but the last holds 252 bytes of the value in its 255-byte width (PSPP: EFFECTIVE_VLS_CHUNK; the
      // case data of a very long string take 256 bytes per full segment plus the rest, sfm_width_to_bytes).
      segments.push({
        firstSlot: part.index - 1,
        slots: part.width === 0 ? 1 : Math.ceil(part.width / 8),
        used: part.width === 0 ? 8 : segmentCount === 1 || last ? part.width : 252,
      });
    }
    i += segmentCount - 1;
    const name = longNames.get(record.shortName) ?? record.shortName;
    const isString = record.width > 0;
    const variable: LogicalVariable = {
      name,
      shortName: record.shortName,
      type: isString ? 'string' : 'number',
      width: trueWidth ?? record.width,
      valueLabels: new Map(),
      segments,
      missingValues: [],
      missingStrings: [],
    };
    const label = text(record.rawLabel);
    if (label) variable.label = label;
    if (isString) {
      variable.missingStrings = record.missingRaw.map((bytes) => text(bytes) ?? '');
    } else {
      const values = record.missingRaw.map(number);
      if (record.missingCount < 0) {
        variable.missingRange = [values[0]!, values[1]!];
        variable.missingValues = values.slice(2);
      } else variable.missingValues = values;
    }
    variables.push(variable);
  }
  const bySlot = new Map(variables.map((variable) => [variable.segments[0]!.firstSlot + 1, variable]));
  for (const set of valueLabelSets) {
    for (const index of set.indices) {
      const variable = bySlot.get(index);
      if (!variable)
        throw new FileFormatError(
          `value labels refer to variable record ${index}, which is not the start of a variable`,
        );
      for (const [value, label] of set.labels) {
        variable.valueLabels.set(
          variable.type === 'number' ? codeKey(number(value)) : (text(value) ?? ''),
          text(label) ?? '',
        );
      }
    }
  }
  const byName = (raw: Buffer) => {
    const name = text(raw) ?? '';
    return variables.find((variable) => variable.name === name || variable.shortName === name);
  };
  for (const entry of longStringLabels) {
    const variable = byName(entry.name);
    if (variable)
      for (const [value, label] of entry.labels) variable.valueLabels.set(text(value) ?? '', text(label) ?? '');
  }
  for (const entry of longStringMissing) {
    const variable = byName(entry.name);
    if (variable) variable.missingStrings = entry.values.map((value) => text(value) ?? '');
  }
  for (const variable of variables) {
    if (variable.missingValues.length > 0 || variable.missingRange || variable.missingStrings.length > 0) {
      const parts = [
        ...(variable.missingRange
          ? [`${describeBound(variable.missingRange[0])} thru ${describeBound(variable.missingRange[1])}`]
          : []),
        ...variable.missingValues.map(String),
        ...variable.missingStrings.map((value) => `"${value}"`),
      ];
      variable.missing = parts.join(', ');
    }
  }
  const slots =
    records.length === 0
      ? 0
      : Math.max(
          ...variables.map((variable) => {
            const last = variable.segments.at(-1)!;
            return last.firstSlot + last.slots;
          }),
        );
  return {
    littleEndian,
    compression: compressionCode as 0 | 1 | 2,
    bias,
    slots,
    cases: cases64 !== undefined && cases64 >= 0 ? cases64 : headerCases >= 0 ? headerCases : undefined,
    weightSlot,
    variables,
    dataOffset,
    encoding,
    fileLabel: text(rawFileLabel) ?? '',
    product,
  };
}

function describeBound(value: number): string {
  return value <= -Number.MAX_VALUE * 0.999999 ? 'LO' : value >= Number.MAX_VALUE * 0.999999 ? 'HI' : String(value);
}

function parseLongStringLabels(
  data: Buffer,
  int32: (offset: number) => number,
): { name: Buffer; labels: [Buffer, Buffer][] }[] {
  const entries: { name: Buffer; labels: [Buffer, Buffer][] }[] = [];
  let at = 0;
  const need = (n: number) => {
    if (at + n > data.length) throw new FileFormatError('long string value label record (7.21) is truncated');
  };
  while (at < data.length) {
    need(4);
    const nameLength = int32(at);
    at += 4;
    need(nameLength + 8);
    const name = data.subarray(at, at + nameLength);
    at += nameLength + 4; // name, then the variable's width
    const count = int32(at);
    at += 4;
    const labels: [Buffer, Buffer][] = [];
    for (let i = 0; i < count; i++) {
      need(4);
      const valueLength = int32(at);
      need(4 + valueLength + 4);
      const value = data.subarray(at + 4, at + 4 + valueLength);
      at += 4 + valueLength;
      const labelLength = int32(at);
      need(4 + labelLength);
      labels.push([value, data.subarray(at + 4, at + 4 + labelLength)]);
      at += 4 + labelLength;
    }
    entries.push({ name, labels });
  }
  return entries;
}

function parseLongStringMissing(data: Buffer, int32: (offset: number) => number): { name: Buffer; values: Buffer[] }[] {
  const entries: { name: Buffer; values: Buffer[] }[] = [];
  let at = 0;
  while (at < data.length) {
    if (at + 4 > data.length) throw new FileFormatError('long string missing value record (7.22) is truncated');
    const nameLength = int32(at);
    const name = data.subarray(at + 4, at + 4 + nameLength);
    at += 4 + nameLength;
    const count = data[at]!;
    const valueLength = int32(at + 1);
    at += 5;
    const values: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      values.push(data.subarray(at, at + valueLength));
      at += valueLength;
    }
    if (at > data.length) throw new FileFormatError('long string missing value record (7.22) is truncated');
    entries.push({ name, values });
  }
  return entries;
}

/** The decompressed bytecode stream of a .zsav file: one zlib stream per block, as its trailer lists them. */
async function* zlibBlocks(path: string, dictionary: Dictionary): AsyncGenerator<Buffer> {
  const header = await readAt(path, dictionary.dataOffset, 24);
  const le = dictionary.littleEndian;
  const int64 = (buffer: Buffer, offset: number) =>
    Number(le ? buffer.readBigInt64LE(offset) : buffer.readBigInt64BE(offset));
  const int32 = (buffer: Buffer, offset: number) => (le ? buffer.readInt32LE(offset) : buffer.readInt32BE(offset));
  if (header.length < 24 || int64(header, 0) !== dictionary.dataOffset)
    throw new FileFormatError('ZLIB data header does not point at itself', dictionary.dataOffset);
  const trailerOffset = int64(header, 8);
  const trailerLength = int64(header, 16);
  const trailer = await readAt(path, trailerOffset, trailerLength);
  if (trailer.length < 24) throw new FileFormatError('ZLIB trailer is truncated', trailerOffset);
  const blocks = int32(trailer, 20);
  if (trailer.length < 24 + blocks * 24)
    throw new FileFormatError(`ZLIB trailer lists ${blocks} blocks but is ${trailer.length} bytes long`, trailerOffset);
  for (let b = 0; b < blocks; b++) {
    const at = 24 + b * 24;
    const compressedOffset = int64(trailer, at + 8);
    const uncompressedSize = int32(trailer, at + 16);
    const compressedSize = int32(trailer, at + 20);
    const block = inflateSync(await readAt(path, compressedOffset, compressedSize));
    if (block.length !== uncompressedSize)
      throw new FileFormatError(
        `ZLIB block ${b + 1} inflates to ${block.length} bytes, the trailer says ${uncompressedSize}`,
        compressedOffset,
      );
    yield block;
  }
}

interface SlotPlan {
  /** 0 skip, 1 number into column, 2 string bytes into column buffer. */
  kind: Uint8Array;
  column: Int32Array;
  /** For strings: byte offset in the value and how many bytes of the slot belong to it. */
  offset: Int32Array;
  length: Int32Array;
}

/** Open an SPSS system file: its dictionary now, its cases on `read`. */
export async function openSav(path: string): Promise<StatisticalFile> {
  const dictionary = await readDictionary(path);
  const { variables } = dictionary;
  const weight =
    dictionary.weightSlot > 0
      ? variables.find((variable) => variable.segments[0]!.firstSlot + 1 === dictionary.weightSlot)
      : undefined;
  const compression = ['uncompressed', 'bytecode compressed', 'ZLIB compressed'][dictionary.compression];
  const metadata: FileMetadata = {
    format: 'sav',
    description: `SPSS system file, ${compression}, ${dictionary.littleEndian ? 'little' : 'big'}-endian, ${dictionary.encoding} (${dictionary.product})`,
    variables: variables.map(({ name, type, label, valueLabels, missing }) => ({
      name,
      type,
      valueLabels,
      ...(label ? { label } : {}),
      ...(missing ? { missing } : {}),
    })),
    ...(weight ? { weight: weight.name } : {}),
    ...(dictionary.cases !== undefined ? { rows: dictionary.cases } : {}),
    ...(dictionary.fileLabel ? { fileLabel: dictionary.fileLabel } : {}),
  };

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
    const plan: SlotPlan = {
      kind: new Uint8Array(dictionary.slots),
      column: new Int32Array(dictionary.slots),
      offset: new Int32Array(dictionary.slots),
      length: new Int32Array(dictionary.slots),
    };
    const stringBuffers: Buffer[] = [];
    const stringLengths: number[] = [];
    chosen.forEach((variable, column) => {
      let valueOffset = 0;
      for (const segment of variable.segments) {
        for (let k = 0; k < segment.slots; k++) {
          const slot = segment.firstSlot + k;
          plan.kind[slot] = variable.type === 'number' ? 1 : 2;
          plan.column[slot] = column;
          plan.offset[slot] = valueOffset + 8 * k;
          plan.length[slot] = Math.max(0, Math.min(8, segment.used - 8 * k));
        }
        valueOffset += segment.used;
      }
      stringBuffers[column] = Buffer.alloc(variable.type === 'string' ? valueOffset : 0);
      stringLengths[column] = valueOffset;
    });
    const numbers = new Float64Array(chosen.length);
    const decoder = decoderFor(dictionary.encoding);
    const le = dictionary.littleEndian;
    const slots = dictionary.slots;
    const totalBytes = (await stat(path)).size;

    const emit = () => {
      for (let column = 0; column < chosen.length; column++) {
        const variable = chosen[column]!;
        if (variable.type === 'number') {
          const value = numbers[column]!;
          const missing =
            value === SYSMIS ||
            Number.isNaN(value) ||
            variable.missingValues.includes(value) ||
            (variable.missingRange !== undefined &&
              value >= variable.missingRange[0] &&
              value <= variable.missingRange[1]);
          sink.number(column, missing ? null : value);
        } else {
          let end = stringLengths[column]!;
          const bytes = stringBuffers[column]!;
          while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
          const value = decoder.decode(bytes.subarray(0, end));
          sink.string(column, variable.missingStrings.includes(value) ? null : value);
        }
      }
      return sink.endRecord();
    };
    const putRaw = (slot: number, bytes: Buffer, at: number) => {
      const kind = plan.kind[slot];
      if (kind === 1) numbers[plan.column[slot]!] = le ? bytes.readDoubleLE(at) : bytes.readDoubleBE(at);
      else if (kind === 2) {
        // at most 8 bytes: a loop is cheaper than Buffer.copy
        const length = plan.length[slot]!;
        const target = stringBuffers[plan.column[slot]!]!;
        const offset = plan.offset[slot]!;
        for (let i = 0; i < length; i++) target[offset + i] = bytes[at + i]!;
      }
    };
    const putNumber = (slot: number, value: number) => {
      if (plan.kind[slot] === 1) numbers[plan.column[slot]!] = value;
      else if (plan.kind[slot] === 2)
        throw new FileFormatError(
          `case ${cases + 1}: a numeric code in the data of string variable ${chosen[plan.column[slot]!]!.name}`,
          source.position,
        );
    };
    const putSpaces = (slot: number) => {
      if (plan.kind[slot] === 2) {
        const length = plan.length[slot]!;
        if (length > 0) stringBuffers[plan.column[slot]!]!.fill(0x20, plan.offset[slot]!, plan.offset[slot]! + length);
      } else if (plan.kind[slot] === 1) numbers[plan.column[slot]!] = SYSMIS;
    };

    const source =
      dictionary.compression === 2
        ? new ByteSource(zlibBlocks(path, dictionary))
        : ByteSource.fromFile(path, { start: dictionary.dataOffset });
    let cases = 0;
    let lastReport = 0;
    const report = () =>
      onProgress?.({
        rows: cases,
        ...(dictionary.cases !== undefined ? { totalRows: dictionary.cases } : {}),
        bytes:
          dictionary.compression === 2
            ? Math.round((cases / (dictionary.cases || 1)) * totalBytes)
            : dictionary.dataOffset + source.consumed,
        totalBytes,
      });
    try {
      if (dictionary.compression === 0) {
        const size = slots * 8;
        for (;;) {
          if (dictionary.cases !== undefined && cases === dictionary.cases) break;
          if (!source.has(size) && !(await source.fill(size))) {
            if (source.buffered === 0) break;
            throw new FileFormatError(
              `case ${cases + 1} is truncated (${source.buffered} of ${size} bytes)`,
              source.position,
            );
          }
          const bytes = source.take(size);
          for (let slot = 0; slot < slots; slot++) putRaw(slot, bytes, slot * 8);
          const pending = emit();
          if (pending) await pending;
          if (++cases - lastReport >= 65536) {
            lastReport = cases;
            report();
          }
        }
      } else {
        const bias = dictionary.bias;
        // command bytes are read in place: `commands` is the buffer, `next` walks from `commandAt` to `commandAt + 8`
        let commands: Buffer = Buffer.alloc(8);
        let commandAt = 0;
        let next = 8;
        let slot = 0;
        let ended = false;
        while (!ended) {
          if (dictionary.cases !== undefined && cases === dictionary.cases && slot === 0) break;
          if (next === 8) {
            if (!source.has(72)) await source.fill(72);
            if (!source.has(8)) {
              if (slot === 0 && source.buffered === 0) break;
              throw new FileFormatError(`case ${cases + 1} is truncated`, source.position);
            }
            commandAt = source.advance(8);
            commands = source.current;
            next = 0;
          }
          const code = commands[commandAt + next++]!;
          switch (code) {
            case 0:
              continue;
            case 252:
              if (slot !== 0) throw new FileFormatError(`end-of-data code inside case ${cases + 1}`, source.position);
              ended = true;
              continue;
            case 253:
              if (!source.has(8)) throw new FileFormatError(`case ${cases + 1} is truncated`, source.position);
              putRaw(slot, source.current, source.advance(8));
              break;
            case 254:
              putSpaces(slot);
              break;
            case 255:
              putNumber(slot, SYSMIS);
              break;
            default:
              putNumber(slot, code - bias);
          }
          if (++slot === slots) {
            slot = 0;
            const pending = emit();
            if (pending) await pending;
            if (++cases - lastReport >= 65536) {
              lastReport = cases;
              report();
            }
          }
        }
      }
    } catch (error) {
      if (error instanceof EndOfData) throw new FileFormatError(`case ${cases + 1} is truncated`, error.offset);
      throw error;
    } finally {
      await source.close();
    }
    if (dictionary.cases !== undefined && cases !== dictionary.cases) {
      throw new FileFormatError(`the header announces ${dictionary.cases} cases, the data hold ${cases}`);
    }
    report();
    return cases;
  }
  return { metadata, read };
}
