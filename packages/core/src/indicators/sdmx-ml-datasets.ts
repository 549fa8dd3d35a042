/**
 * SDMX-ML 2.1 data messages of any SDG series (structure-specific and generic, and their time-series
 * variants) read into datasets with every dimension and attribute. Like the 10.7.2 reader, any DOCTYPE
 * or ENTITY declaration is refused before a parser sees the document: no external entities, no
 * entity expansion.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ProblemList } from '../formats/input.ts';
import { excerpt } from '../formats/input.ts';
import { decodeXmlReferences, type SdmxMlKind } from '../formats/sdmx-ml.ts';
import type { Cell } from '../formats/observation-builder.ts';
import type { ComponentCell, DatasetCollector } from './dataset.ts';
import type { ComponentDeclarations } from './dataset-columns.ts';
import { isSdmxDimension } from './dataset-columns.ts';
import { lineFinder } from '../formats/line-finder.ts';

type XmlNode = Record<string, unknown>;
const META = XMLParser.getMetaDataSymbol();
/** Components that are structure, not disaggregation or attribute. */
const STRUCTURAL = new Set(['SERIES', 'REF_AREA', 'TIME_PERIOD', 'OBS_VALUE', 'UNIT_MEASURE', 'FREQ', 'INDICATOR']);


/** Local name of a possibly prefixed XML name: `message:DataSet` -> `DataSet`. */
const localName = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Child elements of a node by local name, whatever namespace prefix the document uses. */
function children(node: unknown, name: string): XmlNode[] {
  if (node === null || typeof node !== 'object') return [];
  const found: XmlNode[] = [];
  for (const [key, value] of Object.entries(node as XmlNode)) {
    if (key.startsWith('@') || localName(key) !== name) continue;
    for (const item of Array.isArray(value) ? value : [value]) if (item !== null && typeof item === 'object') found.push(item as XmlNode);
  }
  return found;
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

/** Read an SDMX-ML text into the collector; returns which kind of message it was, if any. */
export function readSdmxMlDatasets(text: string, problems: ProblemList, collector: DatasetCollector, declared: ComponentDeclarations): SdmxMlKind | undefined {
  const lineOf = lineFinder(text);
  const declaration = /<!\s*(DOCTYPE|ENTITY)/i.exec(text);
  if (declaration) {
    const line = lineOf(declaration.index);
    problems.add({
      row: line,
      value: excerpt(text.slice(declaration.index, declaration.index + 60)),
      message: `refused: the document contains a ${declaration[1]?.toUpperCase()} declaration at line ${line}; SDMX-ML never needs one, and declarations can define external or exponentially expanding entities`,
    });
    return undefined;
  }
  const valid = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (valid !== true) {
    problems.add({ row: valid.err.line, message: `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}` });
    return undefined;
  }
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
    problems.add({ message: reason === 'Maximum nested tags exceeded' ? 'refused: elements are nested more than 100 deep (SDMX-ML needs 5)' : `malformed XML: ${reason}` });
    return undefined;
  }
  const lineOfNode = (node: XmlNode): number => {
    const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[META as symbol];
    return meta?.startIndex === undefined ? 0 : lineOf(meta.startIndex);
  };
  const addRecord = (node: XmlNode, values: Record<string, string>, isDimension: (id: string) => boolean) => {
    const row = lineOfNode(node);
    const get = (id: string): Cell | undefined => (values[id] === undefined ? undefined : { column: id, value: values[id] });
    const freq = get('FREQ');
    if (freq && freq.value.trim() !== '' && freq.value.trim().toUpperCase() !== 'A') {
      problems.add({ row, column: 'FREQ', value: excerpt(freq.value), message: 'only annual data is read (FREQ A)' });
      return;
    }
    const dimensions: ComponentCell[] = [];
    const attributeCells: ComponentCell[] = [];
    for (const [id, value] of Object.entries(values)) {
      if (STRUCTURAL.has(id)) continue;
      (isDimension(id) ? dimensions : attributeCells).push({ id, cell: { column: id, value } });
    }
    collector.add({
      row,
      indicator: get('INDICATOR'),
      series: get('SERIES'),
      unit: get('UNIT_MEASURE'),
      area: get('REF_AREA'),
      year: get('TIME_PERIOD'),
      value: get('OBS_VALUE'),
      dimensions,
      attributes: attributeCells,
    });
  };

  const structureSpecific = children(document, 'StructureSpecificData')[0] ?? children(document, 'StructureSpecificTimeSeriesData')[0];
  const generic = children(document, 'GenericData')[0] ?? children(document, 'GenericTimeSeriesData')[0];
  if (structureSpecific) {
    // Without the data structure definition, the SDG data structure says which components are dimensions.
    const isDimension = (id: string) => isSdmxDimension(id, declared);
    for (const dataSet of children(structureSpecific, 'DataSet')) {
      for (const series of children(dataSet, 'Series')) {
        const seriesValues = attributes(series);
        for (const obs of children(series, 'Obs')) addRecord(obs, { ...seriesValues, ...attributes(obs) }, isDimension);
      }
      for (const obs of children(dataSet, 'Obs')) addRecord(obs, attributes(obs), isDimension);
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
    for (const dataSet of children(generic, 'DataSet')) {
      const observe = (obs: XmlNode, base: Record<string, string>, keys: Set<string>) => {
        const result = Object.assign(Object.create(null) as Record<string, string>, base);
        const obsKeys = new Set(keys);
        values(children(obs, 'ObsKey')[0], result, obsKeys);
        values(children(obs, 'Attributes')[0], result);
        const dimension = attributes(children(obs, 'ObsDimension')[0] ?? {});
        if (dimension.value !== undefined) result[dimension.id ?? 'TIME_PERIOD'] = dimension.value;
        const obsValue = attributes(children(obs, 'ObsValue')[0] ?? {});
        if (obsValue.value !== undefined) result.OBS_VALUE = obsValue.value;
        addRecord(obs, result, (id) => obsKeys.has(id));
      };
      for (const series of children(dataSet, 'Series')) {
        const base = Object.create(null) as Record<string, string>;
        const keys = new Set<string>();
        values(children(series, 'SeriesKey')[0], base, keys);
        values(children(series, 'Attributes')[0], base);
        for (const obs of children(series, 'Obs')) observe(obs, base, keys);
      }
      for (const obs of children(dataSet, 'Obs')) observe(obs, Object.create(null) as Record<string, string>, new Set());
    }
    return 'generic';
  }
  const prefixed = Object.keys(document).find((key) => !key.startsWith('?') && !key.startsWith('#'));
  const root = prefixed === undefined ? undefined : localName(prefixed);
  problems.add({ row: 1, value: root, message: `not an SDMX-ML 2.1 data message: the root element is ${root ?? 'missing'}; expected StructureSpecificData or GenericData (or their TimeSeries variants)` });
  return undefined;
}
