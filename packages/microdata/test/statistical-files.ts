/**
 * Minimal writers of SPSS system files, Stata .dta files and IPUMS-style DDI + fixed-width extracts,
 * for tests: each follows the published layout (PSPP's description of the system file; Stata's
 * `help dta` for formats 117-119; DDI Codebook 2.5 as IPUMS writes it), byte by byte, so that the
 * readers can be checked against files built independently of them.
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';

/** A column to write: values row by row (null = missing). */
export interface TestColumn {
  name: string;
  type: 'number' | 'string';
  values: readonly (number | string | null)[];
  label?: string;
  valueLabels?: readonly [number | string, string][];
  /** String width in bytes (default: the longest value, at least 1). */
  width?: number;
  /** SPSS user-missing: up to three discrete values, or a range (with one optional discrete value). */
  missing?: { values?: (number | string)[]; range?: [number, number] };
  /** Stata storage type for numbers (default double). */
  stataType?: 'byte' | 'int' | 'long' | 'float' | 'double';
  /** Stata: store this string column as strL. */
  strL?: boolean;
}

class Bytes {
  private readonly parts: Buffer[] = [];
  length = 0;
  constructor(readonly littleEndian: boolean) {}
  push(buffer: Buffer): this {
    this.parts.push(buffer);
    this.length += buffer.length;
    return this;
  }
  int32(value: number): this {
    const buffer = Buffer.alloc(4);
    if (this.littleEndian) buffer.writeInt32LE(value);
    else buffer.writeInt32BE(value);
    return this.push(buffer);
  }
  uint(value: number, size: 1 | 2 | 3 | 4 | 5 | 6 | 8): this {
    const buffer = Buffer.alloc(size);
    if (size === 8) {
      if (this.littleEndian) buffer.writeBigUInt64LE(BigInt(value));
      else buffer.writeBigUInt64BE(BigInt(value));
    } else if (this.littleEndian) buffer.writeUIntLE(value, 0, size);
    else buffer.writeUIntBE(value, 0, size);
    return this.push(buffer);
  }
  float64(value: number): this {
    const buffer = Buffer.alloc(8);
    if (this.littleEndian) buffer.writeDoubleLE(value);
    else buffer.writeDoubleBE(value);
    return this.push(buffer);
  }
  /** Text padded with `pad` (or cut) to exactly `size` bytes. */
  text(value: string, size: number, pad = 0x20): this {
    const buffer = Buffer.alloc(size, pad);
    Buffer.from(value, 'utf8').copy(buffer, 0, 0, size);
    return this.push(buffer);
  }
  ascii(value: string): this {
    return this.push(Buffer.from(value, 'latin1'));
  }
  concat(): Buffer {
    return Buffer.concat(this.parts);
  }
}

const SYSMIS = -Number.MAX_VALUE;
const utf8Length = (value: string) => Buffer.byteLength(value, 'utf8');
const widthOf = (column: TestColumn) =>
  column.width ?? Math.max(1, ...column.values.map((value) => (value === null ? 0 : utf8Length(String(value)))));

/** Options of {@link writeSav}. */
export interface SavOptions {
  /** `zlib`: a .zsav file, the bytecode stream in zlib blocks of `zlibBlockSize` bytes (default 4 KiB) with the ZLIB header and trailer. */
  compression?: 'none' | 'bytecode' | 'zlib';
  zlibBlockSize?: number;
  littleEndian?: boolean;
  /** Name of the case-weight variable. */
  weight?: string;
  /** Write -1 as the case count in the header (the count is then only in the data). */
  unknownCaseCount?: boolean;
  /** Record 7.3's character code (default 65001, UTF-8) and record 7.20's encoding name (default `UTF-8`; null: no record 7.20). Text is still written as UTF-8. */
  characterCode?: number;
  encodingName?: string | null;
}

/** Write an SPSS system file. Strings wider than 255 bytes become very long strings (segments of 252). */
export function writeSav(path: string, columns: readonly TestColumn[], options: SavOptions = {}): void {
  const writer = createSavWriter(path, columns, columns[0]?.values.length ?? 0, options);
  writer.append(columns.map((column) => column.values));
  writer.finish();
}

/**
 * An SPSS system file written in batches (for large files): the dictionary from `columns` (their
 * values only set string widths unless `width` is given), then `append` the values of each batch
 * of cases, column by column. Bytecode blocks are padded with the ignored code 0 at each batch's end.
 */
export function createSavWriter(
  path: string,
  columns: readonly TestColumn[],
  rows: number,
  options: SavOptions = {},
): { append(values: readonly (readonly (number | string | null)[])[]): void; finish(): void } {
  const le = options.littleEndian ?? true;
  // slots: one 8-byte element per variable record
  interface Segment {
    shortName: string;
    width: number;
    slots: number;
    used: number;
  }
  const layout = columns.map((column, index) => {
    const shortName = `V${index + 1}`;
    if (column.type === 'number')
      return { column, shortName, segments: [{ shortName, width: 0, slots: 1, used: 8 }] as Segment[] };
    const width = widthOf(column);
    if (width <= 255)
      return { column, shortName, segments: [{ shortName, width, slots: Math.ceil(width / 8), used: width }] };
    const count = Math.ceil(width / 252);
    const segments: Segment[] = Array.from({ length: count }, (_, s) => {
      const segmentWidth = s < count - 1 ? 255 : width - s * 252;
      // each segment but the last: width 255, of which 252 bytes hold the value
      return {
        shortName: s === 0 ? shortName : `V${index + 1}S${s}`,
        width: segmentWidth,
        slots: Math.ceil(segmentWidth / 8),
        used: s < count - 1 ? 252 : segmentWidth,
      };
    });
    return { column, shortName, segments, width };
  });
  const slots = layout.reduce((sum, entry) => sum + entry.segments.reduce((s, segment) => s + segment.slots, 0), 0);
  let weightIndex = 0;
  {
    let slot = 1;
    for (const entry of layout) {
      if (entry.column.name === options.weight) weightIndex = slot;
      slot += entry.segments.reduce((s, segment) => s + segment.slots, 0);
    }
  }
  const out = new Bytes(le);
  const bytecode = options.compression === 'bytecode' || options.compression === 'zlib';
  out.ascii(options.compression === 'zlib' ? '$FL3' : '$FL2').text('@(#) SPSS DATA FILE migov test writer', 60);
  out
    .int32(2)
    .int32(slots)
    .int32(options.compression === 'zlib' ? 2 : bytecode ? 1 : 0)
    .int32(weightIndex)
    .int32(options.unknownCaseCount ? -1 : rows)
    .float64(100);
  out.text('07 Dec 26', 9).text('14:00:00', 8).text('synthetic census', 64).text('', 3, 0);
  const slotOf = new Map<string, number>();
  let slot = 1;
  for (const entry of layout) {
    entry.segments.forEach((segment, s) => {
      if (s === 0) slotOf.set(entry.column.name, slot);
      const missing = s === 0 ? entry.column.missing : undefined;
      const discrete = missing?.values ?? [];
      const missingCount = missing?.range ? -(2 + discrete.length) : discrete.length;
      const label = s === 0 ? entry.column.label : undefined;
      out
        .int32(2)
        .int32(segment.width)
        .int32(label ? 1 : 0)
        .int32(missingCount)
        .int32(0x050800)
        .int32(0x050800)
        .text(segment.shortName, 8);
      if (label) {
        const bytes = Buffer.from(label, 'utf8');
        out.int32(bytes.length).push(Buffer.concat([bytes, Buffer.alloc((4 - (bytes.length % 4)) % 4, 0x20)]));
      }
      if (missing?.range) out.float64(missing.range[0]).float64(missing.range[1]);
      for (const value of discrete) {
        if (typeof value === 'number') out.float64(value);
        else out.text(value, 8);
      }
      slot++;
      for (let k = 1; k < segment.slots; k++) {
        out.int32(2).int32(-1).int32(0).int32(0).int32(0).int32(0).text('', 8);
        slot++;
      }
    });
  }
  for (const entry of layout) {
    const labels = entry.column.valueLabels;
    if (!labels || labels.length === 0) continue;
    if (entry.column.type === 'string' && widthOf(entry.column) > 8) continue; // long strings: record 7.21 below
    out.int32(3).int32(labels.length);
    for (const [value, label] of labels) {
      if (typeof value === 'number') out.float64(value);
      else out.text(value, 8);
      const bytes = Buffer.from(label, 'utf8');
      const padded = Math.ceil((bytes.length + 1) / 8) * 8 - 1;
      out.push(Buffer.from([bytes.length])).text(label, padded);
    }
    out.int32(4).int32(1).int32(slotOf.get(entry.column.name)!);
  }
  const extension = (subtype: number, size: number, data: Buffer) =>
    out
      .int32(7)
      .int32(subtype)
      .int32(size)
      .int32(data.length / size)
      .push(data);
  const integerInfo = new Bytes(le)
    .int32(1)
    .int32(0)
    .int32(0)
    .int32(-1)
    .int32(1)
    .int32(1)
    .int32(le ? 2 : 1)
    .int32(options.characterCode ?? 65001)
    .concat();
  extension(3, 4, integerInfo);
  extension(4, 8, new Bytes(le).float64(SYSMIS).float64(Number.MAX_VALUE).float64(-Number.MAX_VALUE).concat());
  extension(13, 1, Buffer.from(layout.map((entry) => `${entry.shortName}=${entry.column.name}`).join('\t'), 'utf8'));
  const veryLong = layout.filter((entry) => entry.segments.length > 1);
  if (veryLong.length > 0)
    extension(
      14,
      1,
      Buffer.from(
        veryLong.map((entry) => `${entry.shortName}=${String(widthOf(entry.column)).padStart(5, '0')}\0`).join('\t'),
        'utf8',
      ),
    );
  const longLabels = layout.filter(
    (entry) => entry.column.type === 'string' && widthOf(entry.column) > 8 && entry.column.valueLabels?.length,
  );
  if (longLabels.length > 0) {
    const data = new Bytes(le);
    for (const entry of longLabels) {
      const name = Buffer.from(entry.column.name, 'utf8');
      data.int32(name.length).push(name).int32(widthOf(entry.column)).int32(entry.column.valueLabels!.length);
      for (const [value, label] of entry.column.valueLabels!) {
        const valueBytes = Buffer.alloc(widthOf(entry.column), 0x20);
        Buffer.from(String(value), 'utf8').copy(valueBytes);
        const labelBytes = Buffer.from(label, 'utf8');
        data.int32(valueBytes.length).push(valueBytes).int32(labelBytes.length).push(labelBytes);
      }
    }
    extension(21, 1, data.concat());
  }
  if (options.encodingName !== null) extension(20, 1, Buffer.from(options.encodingName ?? 'UTF-8', 'latin1'));
  out.int32(999).int32(0);

  const file = openSync(path, 'w');
  const headerLength = out.length;
  writeSync(file, out.concat());
  const zlibData: Buffer[] = [];
  // the data, case by case, as 8-byte slots
  const caseSlots = (values: readonly (readonly (number | string | null)[])[], row: number): (number | Buffer)[] => {
    const result: (number | Buffer)[] = [];
    layout.forEach((entry, index) => {
      const value = values[index]![row];
      if (entry.column.type === 'number') {
        result.push(value === null || value === undefined ? SYSMIS : Number(value));
        return;
      }
      const bytes = Buffer.from(value === null || value === undefined ? '' : String(value), 'utf8');
      let offset = 0;
      for (const segment of entry.segments) {
        const area = Buffer.alloc(segment.slots * 8, 0x20);
        if (offset < bytes.length) bytes.copy(area, 0, offset, Math.min(bytes.length, offset + segment.used));
        offset += segment.used;
        for (let k = 0; k < segment.slots; k++) result.push(area.subarray(k * 8, k * 8 + 8));
      }
    });
    return result;
  };
  const append = (values: readonly (readonly (number | string | null)[])[]) => {
    const batch = new Bytes(le);
    const count = values[0]?.length ?? 0;
    if (bytecode) {
      let commands: number[] = [];
      let data: Buffer[] = [];
      const flush = () => {
        while (commands.length < 8) commands.push(0);
        batch.push(Buffer.from(commands));
        for (const part of data) batch.push(part);
        commands = [];
        data = [];
      };
      const code = (value: number, raw?: Buffer) => {
        commands.push(value);
        if (raw) data.push(raw);
        if (commands.length === 8) flush();
      };
      for (let row = 0; row < count; row++) {
        for (const value of caseSlots(values, row)) {
          if (typeof value === 'number') {
            if (value === SYSMIS) code(255);
            else if (Number.isInteger(value) && value >= -99 && value <= 151) code(value + 100);
            else code(253, new Bytes(le).float64(value).concat());
          } else if (value.every((byte) => byte === 0x20)) code(254);
          else code(253, Buffer.from(value));
        }
      }
      if (commands.length > 0) flush();
    } else {
      for (let row = 0; row < count; row++) {
        for (const value of caseSlots(values, row)) {
          if (typeof value === 'number') batch.float64(value);
          else batch.push(value);
        }
      }
    }
    if (options.compression === 'zlib') zlibData.push(batch.concat());
    else writeSync(file, batch.concat());
  };
  return {
    append,
    finish() {
      if (options.compression === 'bytecode') writeSync(file, Buffer.from([252, 0, 0, 0, 0, 0, 0, 0]));
      if (options.compression === 'zlib') {
        // ZLIB data header, the blocks, the trailer listing them (PSPP: "ZLIB Compressed Data")
        const data = Buffer.concat([...zlibData, Buffer.from([252, 0, 0, 0, 0, 0, 0, 0])]);
        const blockSize = options.zlibBlockSize ?? 4096;
        const headerOffset = headerLength;
        const blocks: {
          uncompressedOffset: number;
          compressedOffset: number;
          uncompressed: number;
          compressed: Buffer;
        }[] = [];
        let compressedOffset = headerOffset + 24;
        for (let at = 0; at < data.length; at += blockSize) {
          const part = data.subarray(at, at + blockSize);
          const compressed = deflateSync(part);
          blocks.push({
            uncompressedOffset: headerOffset + at,
            compressedOffset,
            uncompressed: part.length,
            compressed,
          });
          compressedOffset += compressed.length;
        }
        const bias = Buffer.alloc(8);
        if (le) bias.writeBigInt64LE(-100n);
        else bias.writeBigInt64BE(-100n);
        const trailerBytes = new Bytes(le).push(bias).uint(0, 8).int32(blockSize).int32(blocks.length);
        for (const block of blocks)
          trailerBytes
            .uint(block.uncompressedOffset, 8)
            .uint(block.compressedOffset, 8)
            .int32(block.uncompressed)
            .int32(block.compressed.length);
        const trailerBuffer = trailerBytes.concat();
        writeSync(
          file,
          new Bytes(le).uint(headerOffset, 8).uint(compressedOffset, 8).uint(trailerBuffer.length, 8).concat(),
        );
        for (const block of blocks) writeSync(file, block.compressed);
        writeSync(file, trailerBuffer);
      }
      closeSync(file);
    },
  };
}

/** Options of {@link writeDta}. */
export interface DtaOptions {
  release?: 117 | 118 | 119;
  littleEndian?: boolean;
  /** `svyset psu [pweight = weight], strata(stratum)` as characteristics. */
  svyset?: { weight?: string; stratum?: string; psu?: string };
}

const STATA_MISSING = { byte: 101, int: 32741, long: 2147483621 } as const;

/** Write a Stata .dta file (117, 118 or 119), with value labels, strLs and svyset characteristics. */
export function writeDta(path: string, columns: readonly TestColumn[], options: DtaOptions = {}): void {
  const release = options.release ?? 118;
  const le = options.littleEndian ?? true;
  const rows = columns[0]?.values.length ?? 0;
  const nameLength = release === 117 ? 33 : 129;
  const text = (value: string, size: number) => {
    const buffer = Buffer.alloc(size, 0);
    Buffer.from(value, release === 117 ? 'latin1' : 'utf8').copy(buffer, 0, 0, size - 1);
    return buffer;
  };
  const typeOf = (column: TestColumn): number => {
    if (column.type === 'string') return column.strL ? 32768 : Math.min(2045, widthOf(column));
    return { double: 65526, float: 65527, long: 65528, int: 65529, byte: 65530 }[column.stataType ?? 'double'];
  };
  const sizeOf = (code: number) =>
    code <= 2045
      ? code
      : code === 32768 || code === 65526
        ? 8
        : code === 65527 || code === 65528
          ? 4
          : code === 65529
            ? 2
            : 1;
  const sections: Buffer[] = [];
  const header = new Bytes(le)
    .ascii('<stata_dta><header><release>')
    .ascii(String(release))
    .ascii('</release><byteorder>')
    .ascii(le ? 'LSF' : 'MSF')
    .ascii('</byteorder><K>');
  header
    .uint(columns.length, release === 119 ? 4 : 2)
    .ascii('</K><N>')
    .uint(rows, release === 117 ? 4 : 8)
    .ascii('</N><label>');
  const fileLabel = Buffer.from('synthetic census', 'utf8');
  header
    .uint(fileLabel.length, release === 117 ? 1 : 2)
    .push(fileLabel)
    .ascii('</label><timestamp>')
    .uint(17, 1)
    .ascii(' 7 Dec 2026 14:00')
    .ascii('</timestamp></header>');
  const head = header.concat();
  const mapSize = 5 + 14 * 8 + 6;
  const types = new Bytes(le).ascii('<variable_types>');
  for (const column of columns) types.uint(typeOf(column), 2);
  types.ascii('</variable_types>');
  const names = new Bytes(le).ascii('<varnames>');
  for (const column of columns) names.push(text(column.name, nameLength));
  names.ascii('</varnames>');
  const sortlist = new Bytes(le).ascii('<sortlist>');
  for (let i = 0; i <= columns.length; i++) sortlist.uint(0, release === 119 ? 4 : 2);
  sortlist.ascii('</sortlist>');
  const formats = new Bytes(le).ascii('<formats>');
  for (const column of columns)
    formats.push(text(column.type === 'number' ? '%10.0g' : '%9s', release === 117 ? 49 : 57));
  formats.ascii('</formats>');
  const labelNames = new Bytes(le).ascii('<value_label_names>');
  for (const column of columns)
    labelNames.push(text(column.valueLabels?.length ? `${column.name}_lbl` : '', nameLength));
  labelNames.ascii('</value_label_names>');
  const variableLabels = new Bytes(le).ascii('<variable_labels>');
  for (const column of columns) variableLabels.push(text(column.label ?? '', release === 117 ? 81 : 321));
  variableLabels.ascii('</variable_labels>');
  const characteristics = new Bytes(le).ascii('<characteristics>');
  const characteristic = (owner: string, name: string, value: string) => {
    const contents = Buffer.concat([
      text(owner, nameLength),
      text(name, nameLength),
      Buffer.from(`${value}\0`, 'utf8'),
    ]);
    characteristics.ascii('<ch>').uint(contents.length, 4).push(contents).ascii('</ch>');
  };
  if (options.svyset?.weight) {
    characteristic('_dta', '_svy_wvar', options.svyset.weight);
    characteristic('_dta', '_svy_wtype', 'pweight');
  }
  if (options.svyset?.stratum) characteristic('_dta', '_svy_strata1', options.svyset.stratum);
  if (options.svyset?.psu) characteristic('_dta', '_svy_su1', options.svyset.psu);
  characteristics.ascii('</characteristics>');
  // data and strLs
  const data = new Bytes(le).ascii('<data>');
  const strls = new Bytes(le).ascii('<strls>');
  const vBytes = release === 117 ? 4 : release === 118 ? 2 : 3;
  for (let row = 0; row < rows; row++) {
    columns.forEach((column, index) => {
      const value = column.values[row];
      const code = typeOf(column);
      if (column.type === 'string') {
        const textValue = value === null || value === undefined ? '' : String(value);
        if (code === 32768) {
          if (textValue === '') {
            data.uint(0, 8);
            return;
          }
          const v = index + 1;
          const o = row + 1;
          data.uint(v, vBytes as 2 | 3 | 4).uint(o, (8 - vBytes) as 4 | 5 | 6);
          const body = Buffer.from(`${textValue}\0`, 'utf8');
          strls
            .ascii('GSO')
            .uint(v, 4)
            .uint(o, release === 117 ? 4 : 8)
            .uint(130, 1)
            .uint(body.length, 4)
            .push(body);
        } else {
          const buffer = Buffer.alloc(code, 0);
          Buffer.from(textValue, 'utf8').copy(buffer);
          data.push(buffer);
        }
        return;
      }
      const kind = column.stataType ?? 'double';
      const buffer = Buffer.alloc(sizeOf(code));
      const isMissing = value === null || value === undefined;
      const number = Number(value);
      if (kind === 'double') {
        const written = isMissing ? 2 ** 1023 : number;
        if (le) buffer.writeDoubleLE(written);
        else buffer.writeDoubleBE(written);
      } else if (kind === 'float') {
        const written = isMissing ? 2 ** 127 : number;
        if (le) buffer.writeFloatLE(written);
        else buffer.writeFloatBE(written);
      } else if (kind === 'long') {
        const written = isMissing ? STATA_MISSING.long : number;
        if (le) buffer.writeInt32LE(written);
        else buffer.writeInt32BE(written);
      } else if (kind === 'int') {
        const written = isMissing ? STATA_MISSING.int : number;
        if (le) buffer.writeInt16LE(written);
        else buffer.writeInt16BE(written);
      } else buffer.writeInt8(isMissing ? STATA_MISSING.byte : number);
      data.push(buffer);
    });
  }
  data.ascii('</data>');
  strls.ascii('</strls>');
  const labels = new Bytes(le).ascii('<value_labels>');
  for (const column of columns) {
    if (!column.valueLabels?.length) continue;
    const textParts: Buffer[] = [];
    const offsets: number[] = [];
    let at = 0;
    for (const [, label] of column.valueLabels) {
      offsets.push(at);
      const bytes = Buffer.from(`${label}\0`, 'utf8');
      textParts.push(bytes);
      at += bytes.length;
    }
    const table = new Bytes(le).int32(column.valueLabels.length).int32(at);
    for (const offset of offsets) table.int32(offset);
    for (const [value] of column.valueLabels) table.int32(Number(value));
    for (const part of textParts) table.push(part);
    const body = table.concat();
    labels
      .ascii('<lbl>')
      .uint(body.length, 4)
      .push(text(`${column.name}_lbl`, nameLength))
      .push(Buffer.alloc(3))
      .push(body)
      .ascii('</lbl>');
  }
  labels.ascii('</value_labels>');
  const parts = [types, names, sortlist, formats, labelNames, variableLabels, characteristics, data, strls, labels].map(
    (part) => part.concat(),
  );
  const offsets = [0, head.length];
  let position = head.length + mapSize;
  for (const part of parts) {
    offsets.push(position);
    position += part.length;
  }
  offsets.push(position); // </stata_dta>
  offsets.push(position + '</stata_dta>'.length); // end of file
  const map = new Bytes(le).ascii('<map>');
  for (const offset of offsets) map.uint(offset, 8);
  map.ascii('</map>');
  sections.push(head, map.concat(), ...parts, Buffer.from('</stata_dta>', 'latin1'));
  writeFileSync(path, Buffer.concat(sections));
}

/** Options of {@link writeIpums}. */
export interface IpumsOptions {
  /** Implied decimals per numeric column (IPUMS writes PERWT with 2). */
  decimals?: Record<string, number>;
  /** The weight variable (`wgt="wgt"`, and `wgt-var` on the others). */
  weight?: string;
  gzip?: boolean;
  /** Household-level columns: written once per household record ("H") before its persons ("P"). */
  household?: { key: string; columns: string[] };
  /** Codes to declare missing (`catgry missing="Y"`), per column. */
  missingCodes?: Record<string, (number | string)[]>;
}

const escapeXml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Write an IPUMS-style extract: `<base>.xml` (DDI Codebook 2.5) and `<base>.dat` (or `.dat.gz`), fixed width. */
export function writeIpums(
  base: string,
  columns: readonly TestColumn[],
  options: IpumsOptions = {},
): { ddi: string; data: string } {
  const writer = createIpumsWriter(base, columns, options);
  writer.append(columns.map((column) => column.values));
  return writer.finish();
}

/**
 * An IPUMS-style extract written in batches: field widths from `columns` (`width`, else the longest
 * value given), then `append` each batch's values column by column (gzipped batches are gzip members
 * one after the other, as `gzip` itself concatenates them).
 */
export function createIpumsWriter(
  base: string,
  columns: readonly TestColumn[],
  options: IpumsOptions = {},
): { append(values: readonly (readonly (number | string | null)[])[]): void; finish(): { ddi: string; data: string } } {
  let rows = 0;
  const decimals = options.decimals ?? {};
  const format = (column: TestColumn, value: number | string | null | undefined): string => {
    if (value === null || value === undefined) return '';
    if (column.type === 'string') return String(value);
    const places = decimals[column.name] ?? 0;
    if (places > 0) {
      const scaled = Math.round(Number(value) * 10 ** places);
      if (scaled / 10 ** places !== Number(value))
        throw new Error(`${column.name}: ${value} has more than ${places} decimals`);
      return String(scaled);
    }
    return String(value);
  };
  const householdColumns = new Set(options.household?.columns ?? []);
  const hierarchical = options.household !== undefined;
  const recordTypeWidth = hierarchical ? 1 : 0;
  const widths = columns.map(
    (column) =>
      column.width ?? Math.max(1, ...column.values.map((value) => Buffer.byteLength(format(column, value), 'utf8'))),
  );
  // positions: in a hierarchical file household and person variables each start after the record type
  const starts: number[] = [];
  let householdAt = recordTypeWidth;
  let personAt = recordTypeWidth;
  columns.forEach((column, index) => {
    if (householdColumns.has(column.name)) {
      starts.push(householdAt);
      householdAt += widths[index]!;
    } else {
      starts.push(personAt);
      personAt += widths[index]!;
    }
  });
  const dataName = `${base.split('/').pop()}.dat${options.gzip ? '.gz' : ''}`;
  const dataPath = `${base}.dat${options.gzip ? '.gz' : ''}`;
  const file = openSync(dataPath, 'w');
  let lastHousehold: string | undefined;
  const keyIndex = options.household ? columns.findIndex((column) => column.name === options.household!.key) : -1;
  const append = (values: readonly (readonly (number | string | null)[])[]) => {
    const field = (column: TestColumn, index: number, row: number) => {
      const textValue = format(column, values[index]![row]);
      if (Buffer.byteLength(textValue, 'utf8') > widths[index]!)
        throw new Error(`${column.name}: "${textValue}" is wider than ${widths[index]}`);
      return column.type === 'string' ? textValue.padEnd(widths[index]!) : textValue.padStart(widths[index]!);
    };
    const lines: string[] = [];
    const count = values[0]?.length ?? 0;
    for (let row = 0; row < count; row++) {
      if (hierarchical) {
        const key = String(values[keyIndex]![row]);
        if (key !== lastHousehold) {
          lastHousehold = key;
          lines.push(
            `H${columns.map((column, index) => (householdColumns.has(column.name) ? field(column, index, row) : '')).join('')}`,
          );
        }
        lines.push(
          `P${columns.map((column, index) => (householdColumns.has(column.name) ? '' : field(column, index, row))).join('')}`,
        );
      } else lines.push(columns.map((column, index) => field(column, index, row)).join(''));
    }
    rows += count;
    const body = Buffer.from(`${lines.join('\n')}\n`, 'utf8');
    writeSync(file, options.gzip ? gzipSync(body) : body);
  };
  const finish = () => {
    closeSync(file);
    const variables = columns.map((column, index) => {
      const start = starts[index]! + 1;
      const end = start + widths[index]! - 1;
      const rectype = hierarchical ? ` rectype="${householdColumns.has(column.name) ? 'H' : 'P'}"` : '';
      const weight =
        column.name === options.weight ? ' wgt="wgt"' : options.weight ? ` wgt-var="${options.weight}"` : '';
      const missing = new Set((options.missingCodes?.[column.name] ?? []).map(String));
      const categories = [
        ...(column.valueLabels ?? []),
        ...[...missing]
          .filter((code) => !(column.valueLabels ?? []).some(([value]) => String(value) === code))
          .map((code) => [code, 'Missing'] as const),
      ]
        .map(
          ([value, label]) =>
            `<catgry${missing.has(String(value)) ? ' missing="Y"' : ''}><catValu>${escapeXml(String(value))}</catValu><labl>${escapeXml(label)}</labl></catgry>`,
        )
        .join('');
      return `    <var ID="${column.name}" name="${column.name}" dcml="${decimals[column.name] ?? 0}" intrvl="${column.type === 'number' ? 'contin' : 'discrete'}"${rectype}${weight}>
      <location StartPos="${start}" EndPos="${end}" width="${widths[index]}" RecSegNo="1"/>
      ${column.label ? `<labl>${escapeXml(column.label)}</labl>` : ''}${categories}
      <varFormat type="${column.type === 'number' ? 'numeric' : 'character'}" schema="other"/>
    </var>`;
    });
    const recordType = hierarchical
      ? `    <var ID="RECTYPE" name="RECTYPE" dcml="0" intrvl="discrete"><location StartPos="1" EndPos="1" width="1" RecSegNo="1"/><labl>Record type</labl><varFormat type="character" schema="other"/></var>\n`
      : '';
    const structure = hierarchical
      ? `<fileStrc type="hierarchical"><recGrp rectype="H" keyvar="${options.household!.key}" recidvar="RECTYPE" ID="H"><labl>Household</labl></recGrp><recGrp rectype="P" keyvar="${options.household!.key}" recidvar="RECTYPE" ID="P"><labl>Person</labl></recGrp></fileStrc>`
      : '<fileStrc type="rectangular"/>';
    const ddi = `<?xml version="1.0" encoding="UTF-8"?>
<codeBook xmlns="ddi:codebook:2_5" version="2.5">
  <stdyDscr><citation><titlStmt><titl>Synthetic census extract</titl></titlStmt></citation></stdyDscr>
  <fileDscr ID="F1">
    <fileTxt>
      <fileName>${escapeXml(dataName.replace(/\.gz$/, ''))}</fileName>
      <dimensns><caseQnty>${rows}</caseQnty><varQnty>${columns.length}</varQnty></dimensns>
      ${structure}
      <fileType charset="UTF-8">ASCII data file</fileType>
      <format>fixed length fields</format>
    </fileTxt>
  </fileDscr>
  <dataDscr>
${recordType}${variables.join('\n')}
  </dataDscr>
</codeBook>
`;
    writeFileSync(`${base}.xml`, ddi);
    return { ddi: `${base}.xml`, data: dataPath };
  };
  return { append, finish };
}
