/**
 * SDMX-JSON data messages (1.0 and 2.0): `dataSets` with `series` keyed by dimension positions
 * ("0:0:1:…") holding `observations` keyed by time position, or flat `observations` keyed by every
 * dimension; `structure` (1.0) or `structures` (2.0) giving each position's component id and code.
 * Components map to observations as in SDMX-CSV and SDMX-ML (sdmx.ts).
 */
import type { ProblemList } from './input.ts';
import type { Json } from './json-table.ts';
import { isObject } from './json-table.ts';
import { excerpt } from './input.ts';
import type { Cell, ObservationBuilder } from './observation-builder.ts';
import { sdmxRecord } from './sdmx.ts';
import type { SkipEntry } from './vocabulary.ts';
import { skippedValue } from './vocabulary.ts';

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** The message body: the root (1.0) or its `data` member (2.0 and some 1.0 services). */
function body(document: unknown): Json | undefined {
  if (!isObject(document)) return undefined;
  if (Array.isArray(document.dataSets)) return document;
  return isObject(document.data) && Array.isArray(document.data.dataSets) ? document.data : undefined;
}

/** Whether a parsed JSON document is an SDMX-JSON data message. */
export function isSdmxJson(document: unknown): boolean {
  return body(document) !== undefined;
}

/** One component of the structure: its id and its codes by position. */
interface Component {
  id: string;
  values: (string | undefined)[];
}

function components(value: unknown): Component[] {
  return list(value).map((item) => {
    const component = isObject(item) ? item : {};
    return {
      id: typeof component.id === 'string' ? component.id : '',
      values: list(component.values).map((code) => {
        if (!isObject(code)) return typeof code === 'string' ? code : undefined;
        const id = code.id ?? code.value ?? code.name;
        return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
      }),
    };
  });
}

/** Options of the SDMX-JSON reader. */
export interface SdmxJsonOptions {
  skip: (entry: SkipEntry) => void;
}

/** Read an SDMX-JSON data message into the builder; rows are 1-based positions of observations in the message. */
export function readSdmxJson(
  document: unknown,
  problems: ProblemList,
  builder: ObservationBuilder,
  options: SdmxJsonOptions,
): void {
  const message = body(document);
  if (!message) {
    problems.add({ message: 'not an SDMX-JSON data message: expected "dataSets"' });
    return;
  }
  let row = 0;
  list(message.dataSets).forEach((item, dataSetIndex) => {
    const dataSet = isObject(item) ? item : {};
    const structures = list(message.structures);
    const structureIndex = typeof dataSet.structure === 'number' ? dataSet.structure : 0;
    const structure = isObject(message.structure)
      ? message.structure
      : isObject(structures[structureIndex])
        ? (structures[structureIndex] as Json)
        : undefined;
    if (!structure) {
      problems.add({
        column: `dataSets[${dataSetIndex}]`,
        message:
          'the message has no "structure" (or "structures") describing its dimensions: it cannot be read without one',
      });
      return;
    }
    const dimensions = isObject(structure.dimensions) ? structure.dimensions : {};
    const attributes = isObject(structure.attributes) ? structure.attributes : {};
    const seriesDimensions = components(dimensions.series);
    const observationDimensions = components(dimensions.observation);
    const dataSetAttributes = components(attributes.dataSet);
    const seriesAttributes = components(attributes.series);
    const observationAttributes = components(attributes.observation);

    /** Components of a key ("0:1:0") against a dimension list; a problem for positions without a code. */
    const keyComponents = (key: string, list: Component[], into: Map<string, string>, at: number): boolean => {
      const positions = key === '' ? [] : key.split(':');
      if (positions.length !== list.length) {
        problems.add({
          row: at,
          value: excerpt(key),
          message: `key "${key}" has ${positions.length} positions; the structure has ${list.length} dimensions here`,
        });
        return false;
      }
      for (const [index, position] of positions.entries()) {
        const component = list[index];
        const code = component?.values[Number(position)];
        if (!component || code === undefined) {
          problems.add({
            row: at,
            column: component?.id,
            value: excerpt(key),
            message: `key "${key}": position ${position} of ${component?.id ?? `dimension ${index + 1}`} has no code in the structure`,
          });
          return false;
        }
        into.set(component.id, code);
      }
      return true;
    };
    /** Attribute values by index into the structure's codes (null: absent). */
    const attributeComponents = (indices: unknown, list: Component[], into: Map<string, string>) => {
      list.forEach((component, index) => {
        const position: unknown = Array.isArray(indices) ? indices[index] : undefined;
        const code = typeof position === 'number' ? component.values[position] : undefined;
        if (code !== undefined) into.set(component.id, code);
      });
    };
    const base = new Map<string, string>();
    attributeComponents(dataSet.attributes, dataSetAttributes, base);

    const emit = (values: Map<string, string>, observation: unknown) => {
      row += 1;
      const at = row;
      const array = Array.isArray(observation) ? observation : [observation];
      const value: unknown = array[0];
      attributeComponents(array.slice(1), observationAttributes, values);
      if (
        value === null ||
        value === undefined ||
        (typeof value === 'number' && Number.isNaN(value)) ||
        value === 'NaN'
      ) {
        options.skip(skippedValue(at, 'OBS_VALUE', value === null || value === undefined ? '' : String(value)));
        return;
      }
      if (typeof value !== 'string' && typeof value !== 'number') {
        problems.add({
          row: at,
          column: 'OBS_VALUE',
          value: excerpt(JSON.stringify(value)),
          message: 'an observation value must be a number or a string',
        });
        return;
      }
      values.set('OBS_VALUE', String(value));
      const get = (id: string): Cell | undefined => {
        const found = values.get(id);
        return found === undefined ? undefined : { column: id, value: found };
      };
      builder.add(
        sdmxRecord(at, get, (cell, text) =>
          problems.add({ row: at, column: cell.column, value: excerpt(cell.value), message: text }),
        ),
      );
    };

    if (isObject(dataSet.series)) {
      for (const [seriesKey, seriesItem] of Object.entries(dataSet.series)) {
        const series = isObject(seriesItem) ? seriesItem : {};
        const seriesValues = new Map(base);
        if (!keyComponents(seriesKey, seriesDimensions, seriesValues, row + 1)) continue;
        attributeComponents(series.attributes, seriesAttributes, seriesValues);
        for (const [observationKey, observation] of Object.entries(
          isObject(series.observations) ? series.observations : {},
        )) {
          const values = new Map(seriesValues);
          if (!keyComponents(observationKey, observationDimensions, values, row + 1)) continue;
          emit(values, observation);
        }
      }
    } else if (isObject(dataSet.observations)) {
      for (const [key, observation] of Object.entries(dataSet.observations)) {
        const values = new Map(base);
        if (!keyComponents(key, [...seriesDimensions, ...observationDimensions], values, row + 1)) continue;
        emit(values, observation);
      }
    }
  });
}
