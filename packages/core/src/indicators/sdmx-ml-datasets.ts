/**
 * SDMX-ML 2.1 data messages of any SDG series (structure-specific and generic, and their time-series
 * variants) read into datasets with every dimension and attribute. The XML walk (declarations refused,
 * well-formedness, series and observations) is the one the 10.7.2 reader uses (`walkSdmxMl`).
 */
import type { ProblemList } from '../formats/input.ts';
import { excerpt } from '../formats/input.ts';
import { walkSdmxMl, type SdmxMlKind } from '../formats/sdmx-ml.ts';
import type { Cell } from '../formats/observation-builder.ts';
import type { ComponentCell, DatasetCollector } from './dataset.ts';
import type { ComponentDeclarations } from './dataset-columns.ts';
import { isSdmxDimension } from './dataset-columns.ts';

/** Components that are structure, not disaggregation or attribute. */
const STRUCTURAL = new Set(['SERIES', 'REF_AREA', 'TIME_PERIOD', 'OBS_VALUE', 'UNIT_MEASURE', 'FREQ', 'INDICATOR']);

/** Read an SDMX-ML text into the collector; returns which kind of message it was, if any. */
export function readSdmxMlDatasets(
  text: string,
  problems: ProblemList,
  collector: DatasetCollector,
  declared: ComponentDeclarations,
): SdmxMlKind | undefined {
  // Without the data structure definition, the SDG data structure says which components of a
  // structure-specific message are dimensions; a generic message says it itself (its keys).
  const isSdgDimension = (id: string) => isSdmxDimension(id, declared);
  return walkSdmxMl(text, problems, ({ row, values, keys }) => {
    const get = (id: string): Cell | undefined =>
      values[id] === undefined ? undefined : { column: id, value: values[id] };
    const freq = get('FREQ');
    if (freq && freq.value.trim() !== '' && freq.value.trim().toUpperCase() !== 'A') {
      problems.add({ row, column: 'FREQ', value: excerpt(freq.value), message: 'only annual data is read (FREQ A)' });
      return;
    }
    const isDimension = keys ? (id: string) => keys.has(id) : isSdgDimension;
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
  });
}
