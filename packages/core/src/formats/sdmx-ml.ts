/**
 * SDMX-ML 2.1 data messages: structure-specific and generic, read; structure-specific written.
 * XML is parsed only after refusing any DOCTYPE or ENTITY declaration: SDMX never needs one, and
 * refusing them rules out external entities and entity-expansion bombs before a parser sees them.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Observation } from '../observations/observation.ts';
import type { ProblemList } from './input.ts';
import { excerpt } from './input.ts';
import type { Cell, ObservationBuilder } from './observation-builder.ts';
import type { SdmxWriteOptions } from './sdmx.ts';
import {
  SDG_DATAFLOW,
  SDG_DIMENSIONS,
  SDG_OBSERVATION_ATTRIBUTES,
  SDG_SERIES_ATTRIBUTES,
  sdmxComponents,
  sdmxRecord,
} from './sdmx.ts';
import { lineFinder } from './line-finder.ts';

/** The two SDMX-ML 2.1 data message kinds read here. */
export type SdmxMlKind = 'structure-specific' | 'generic';

/** Check an XML text for declarations and well-formedness; returns false after adding a problem. */
function checkXml(text: string, problems: ProblemList): boolean {
  const lineOf = lineFinder(text);
  const declaration = /<!\s*(DOCTYPE|ENTITY)/i.exec(text);
  if (declaration) {
    problems.add({
      row: lineOf(declaration.index),
      value: excerpt(text.slice(declaration.index, declaration.index + 60)),
      message: `refused: the document contains a ${declaration[1]?.toUpperCase()} declaration at line ${lineOf(declaration.index)}; SDMX-ML never needs one, and declarations can define external or exponentially expanding entities`,
    });
    return false;
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    const open = unclosedElements(valid.err.msg);
    if (open) {
      // The validator reports several unclosed elements at line 1; the useful place is the end.
      const lastLine = lineOf(text.length);
      problems.add({
        row: lastLine,
        message: `truncated XML: the document ends at line ${lastLine} while ${open.map((name) => `<${name}>`).join(' > ')} ${open.length === 1 ? 'is' : 'are'} still open`,
      });
    } else {
      problems.add({
        row: valid.err.line,
        message: `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
      });
    }
    return false;
  }
  return true;
}

/** Names of the elements left open, from the validator's message for a document that ends too early. */
function unclosedElements(message: string): string[] | undefined {
  const several = /^Invalid '(\[.*\])' found\.$/.exec(message);
  if (several?.[1]) {
    try {
      const names: unknown = JSON.parse(several[1]);
      if (Array.isArray(names) && names.every((name) => typeof name === 'string')) return names;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

type XmlNode = Record<string, unknown>;
const META = XMLParser.getMetaDataSymbol();

/** Local name of a possibly prefixed XML name: `message:DataSet` -> `DataSet`. */
const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Child elements of a node by local name, whatever namespace prefix the document uses. */
function children(node: unknown, name: string): XmlNode[] {
  if (node === null || typeof node !== 'object') return [];
  const found: XmlNode[] = [];
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (key.startsWith('@') || localName(key) !== name) continue;
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== null && typeof item === 'object') found.push(item as XmlNode);
  }
  return found;
}

const PREDEFINED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Replace the five predefined XML entities and character references. The parser's own entity handling
 * is off: with declarations refused these are the only references a document can hold, and decoding
 * them here keeps numeric references (&#10;) exact.
 */
export function decodeXmlReferences(value: string): string {
  return value.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (reference, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '\ufffd';
    }
    return PREDEFINED_ENTITIES[name] ?? reference;
  });
}

/**
 * Unprefixed attribute values of a node, in a prototype-free map (names come from the document).
 * SDMX components are never prefixed; prefixed ones (`xsi:type`) and namespace declarations are XML
 * machinery, not data.
 */
function attributes(node: XmlNode): Record<string, string> {
  const result = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(node)) {
    if (!key.startsWith('@') || typeof value !== 'string') continue;
    const name = key.slice(1);
    if (name.includes(':') || name === 'xmlns') continue;
    result[name] = decodeXmlReferences(value);
  }
  return result;
}

/** One observation of an SDMX-ML message, with the components of its series. */
export interface SdmxMlRecord {
  /** Line of the `Obs` element. */
  row: number;
  /** Component id -> value (series-level components first, overridden by the observation's). */
  values: Record<string, string>;
  /** In a generic message, the ids the message itself declares as keys (dimensions); absent in a structure-specific one. */
  keys?: ReadonlySet<string>;
}

/**
 * Walk an SDMX-ML 2.1 data message (structure-specific or generic, and their time-series variants),
 * calling `onRecord` for each observation; returns which kind of message it was, or undefined after
 * adding a problem (declarations, malformed XML, not a data message).
 */
export function walkSdmxMl(
  text: string,
  problems: ProblemList,
  onRecord: (record: SdmxMlRecord) => void,
): SdmxMlKind | undefined {
  if (!checkXml(text, problems)) return undefined;
  const lineOf = lineFinder(text);
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    // Prefixes are kept so that namespaced attributes can be told from SDMX components.
    removeNSPrefix: false,
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: false,
    processEntities: false,
    captureMetaData: true,
    isArray: (name) => ['DataSet', 'Series', 'Obs', 'Value'].includes(localName(name)),
  });
  let document: XmlNode;
  try {
    document = parser.parse(text) as XmlNode;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    problems.add({
      message:
        reason === 'Maximum nested tags exceeded'
          ? 'refused: elements are nested more than 100 deep (SDMX-ML needs 5)'
          : `malformed XML: ${reason}`,
    });
    return undefined;
  }
  const lineOfNode = (node: XmlNode): number => {
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META as symbol];
    return meta?.startIndex === undefined ? 0 : lineOf(meta.startIndex);
  };

  // SDMX 2.1 has a time-series variant of each message kind; their data sets read the same way.
  const structureSpecific =
    children(document, 'StructureSpecificData')[0] ?? children(document, 'StructureSpecificTimeSeriesData')[0];
  const generic = children(document, 'GenericData')[0] ?? children(document, 'GenericTimeSeriesData')[0];
  if (structureSpecific) {
    for (const dataSet of children(structureSpecific, 'DataSet')) {
      // Series-level components apply to every Obs within; a flat message has Obs directly in the DataSet.
      for (const series of children(dataSet, 'Series')) {
        const seriesValues = attributes(series);
        for (const obs of children(series, 'Obs'))
          onRecord({
            row: lineOfNode(obs),
            values: Object.assign(Object.create(null) as Record<string, string>, seriesValues, attributes(obs)),
          });
      }
      for (const obs of children(dataSet, 'Obs')) onRecord({ row: lineOfNode(obs), values: attributes(obs) });
    }
    return 'structure-specific';
  }
  if (generic) {
    // A generic message says itself what is a key (dimension) and what an attribute.
    const values = (node: XmlNode | undefined, into: Record<string, string>, keys?: Set<string>) => {
      for (const value of children(node, 'Value')) {
        const { id, value: code } = attributes(value);
        if (id === undefined || code === undefined) continue;
        into[id] = code;
        keys?.add(id);
      }
    };
    const observe = (obs: XmlNode, base: Record<string, string>, baseKeys: ReadonlySet<string>) => {
      const result = Object.assign(Object.create(null) as Record<string, string>, base);
      const keys = new Set(baseKeys);
      values(children(obs, 'ObsKey')[0], result, keys);
      values(children(obs, 'Attributes')[0], result);
      const dimension = attributes(children(obs, 'ObsDimension')[0] ?? {});
      if (dimension.value !== undefined) result[dimension.id ?? 'TIME_PERIOD'] = dimension.value;
      const obsValue = attributes(children(obs, 'ObsValue')[0] ?? {});
      if (obsValue.value !== undefined) result.OBS_VALUE = obsValue.value;
      onRecord({ row: lineOfNode(obs), values: result, keys });
    };
    for (const dataSet of children(generic, 'DataSet')) {
      for (const series of children(dataSet, 'Series')) {
        const base = Object.create(null) as Record<string, string>;
        const keys = new Set<string>();
        values(children(series, 'SeriesKey')[0], base, keys);
        values(children(series, 'Attributes')[0], base);
        for (const obs of children(series, 'Obs')) observe(obs, base, keys);
      }
      for (const obs of children(dataSet, 'Obs'))
        observe(obs, Object.create(null) as Record<string, string>, new Set());
    }
    return 'generic';
  }
  const prefixed = Object.keys(document).find((key) => !key.startsWith('?') && !key.startsWith('#'));
  const root = prefixed === undefined ? undefined : localName(prefixed);
  problems.add({
    row: 1,
    value: root,
    message: `not an SDMX-ML 2.1 data message: the root element is ${root ?? 'missing'}; expected StructureSpecificData or GenericData (or their TimeSeries variants)`,
  });
  return undefined;
}

/** Read an SDMX-ML text into the builder; returns which kind of message it was, if any. */
export function readSdmxMlText(
  text: string,
  problems: ProblemList,
  builder: ObservationBuilder,
): SdmxMlKind | undefined {
  return walkSdmxMl(text, problems, ({ row, values }) => {
    const get = (id: string): Cell | undefined =>
      values[id] === undefined ? undefined : { column: id, value: values[id] };
    builder.add(
      sdmxRecord(row, get, (cell, message) =>
        problems.add({ row, column: cell.column, value: excerpt(cell.value), message }),
      ),
    );
  });
}

/** Escape text for an XML attribute value; characters XML 1.0 cannot carry become U+FFFD. */
export function escapeXmlAttribute(value: string): string {
  return (
    value
      // eslint-disable-next-line no-control-regex -- matching the control characters XML 1.0 forbids is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Tabs and line breaks inside attributes would be normalised to spaces by any XML parser; keep them as references.
      .replace(/\t/g, '&#9;')
      .replace(/\n/g, '&#10;')
      .replace(/\r/g, '&#13;')
  );
}

/** Options of {@link formatSdmxMl}. */
export interface SdmxMlOptions extends SdmxWriteOptions {
  /** Preparation time of the message (ISO 8601), e.g. `new Date().toISOString()`; passed in to keep the function pure. */
  prepared: string;
  /** Message identifier (default `MIGOV`). */
  id?: string;
  /** Sender agency id (default `MIGOV`). */
  sender?: string;
  /** A test message (`<Test>true</Test>`): the message holds values that are not real data, such as demo content. */
  test?: boolean;
}

/** Write observations as an SDMX-ML 2.1 structure-specific data message (one Series per series key). */
export function formatSdmxMl(observations: readonly Observation[], options: SdmxMlOptions): string {
  const attribute = (name: string, value: string | undefined) =>
    value === undefined ? '' : ` ${name}="${escapeXmlAttribute(value)}"`;
  const groups = new Map<
    string,
    { series: Record<string, string | undefined>; observations: Record<string, string | undefined>[] }
  >();
  for (const observation of observations) {
    const components = sdmxComponents(observation, options);
    const key = [...SDG_DIMENSIONS, ...SDG_SERIES_ATTRIBUTES].map((id) => components[id]).join('.');
    let group = groups.get(key);
    if (!group) {
      group = { series: components, observations: [] };
      groups.set(key, group);
    }
    group.observations.push(components);
  }
  const structureId = `${SDG_DATAFLOW.agency}_${SDG_DATAFLOW.id}`;
  const namespace = escapeXmlAttribute(
    `urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=${SDG_DATAFLOW.agency}:${SDG_DATAFLOW.id}(${options.dataflowVersion ?? '1.0'}):ObsLevelDim:TIME_PERIOD`,
  );
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<message:StructureSpecificData xmlns:message="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" xmlns:ss="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/data/structurespecific" xmlns:common="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/common" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ns1="${namespace}">`,
    '  <message:Header>',
    `    <message:ID>${escapeXmlAttribute(options.id ?? 'MIGOV')}</message:ID>`,
    `    <message:Test>${options.test === true ? 'true' : 'false'}</message:Test>`,
    `    <message:Prepared>${escapeXmlAttribute(options.prepared)}</message:Prepared>`,
    `    <message:Sender id="${escapeXmlAttribute(options.sender ?? 'MIGOV')}"/>`,
    `    <message:Structure structureID="${structureId}" namespace="${namespace}" dimensionAtObservation="TIME_PERIOD">`,
    '      <common:StructureUsage>',
    `        <Ref agencyID="${SDG_DATAFLOW.agency}" id="${SDG_DATAFLOW.id}"${attribute('version', options.dataflowVersion)}/>`,
    '      </common:StructureUsage>',
    '    </message:Structure>',
    '  </message:Header>',
    `  <message:DataSet ss:dataScope="DataStructure" xsi:type="ns1:DataSetType" ss:structureRef="${structureId}" ss:action="Information">`,
  ];
  for (const group of groups.values()) {
    const seriesAttributes = [...SDG_DIMENSIONS, ...SDG_SERIES_ATTRIBUTES]
      .map((id) => attribute(id, group.series[id]))
      .join('');
    lines.push(`    <Series${seriesAttributes}>`);
    for (const components of group.observations) {
      const obsAttributes = ['TIME_PERIOD', 'OBS_VALUE', ...SDG_OBSERVATION_ATTRIBUTES]
        .map((id) => attribute(id, components[id]))
        .join('');
      lines.push(`      <Obs${obsAttributes}/>`);
    }
    lines.push('    </Series>');
  }
  lines.push('  </message:DataSet>', '</message:StructureSpecificData>', '');
  return lines.join('\n');
}
