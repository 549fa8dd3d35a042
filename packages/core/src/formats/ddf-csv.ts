/**
 * The DDF datapoints layout (Gapminder's open-numbers mirror of the SDG database):
 * `geo_area,nature,policy_domains,units,year,sg_cpa_migrs` with lower-case codes. One series per file.
 */
import type { Observation, SeriesCode } from '../observations/observation.ts';
import { SERIES } from '../observations/observation.ts';
import type { ProblemList } from './input.ts';
import type { CsvTable } from './csv-table.ts';
import { formatCsvRows } from './csv-table.ts';
import { cellAt, Columns } from './columns.ts';
import type { ObservationBuilder } from './observation-builder.ts';

const SERIES_COLUMNS = Object.keys(SERIES).map((code) => code.toLowerCase());

/** Whether a header is a DDF datapoints header of a 10.7.2 series. */
export function isDdfHeader(header: readonly string[]): boolean {
  const columns = new Columns(header);
  return (
    columns.find('geo_area') !== undefined &&
    columns.find('year') !== undefined &&
    header.some((label) => /^sg_[a-z_]+$/.test(label.trim()))
  );
}

/** Read a DDF datapoints table into the builder; the series is the measure column's name. */
export function readDdfTable(table: CsvTable, problems: ProblemList, builder: ObservationBuilder): void {
  const { header } = table;
  const columns = new Columns(header);
  const measures = header
    .map((label, index) => ({ label: label.trim(), index }))
    .filter(({ label }) => /^sg_[a-z_]+$/.test(label));
  const format = 'the DDF layout';
  const problemsBefore = problems.size;
  const area = columns.require(problems, format, 'geo_area');
  const year = columns.require(problems, format, 'year');
  const domain = columns.require(problems, format, 'policy_domains');
  for (const measure of measures) {
    if (!SERIES_COLUMNS.includes(measure.label)) {
      problems.add({
        row: 1,
        column: measure.label,
        value: measure.label,
        message: `unknown series column: expected ${SERIES_COLUMNS.join(' or ')}`,
      });
    }
  }
  if (measures.length !== 1) {
    problems.add({
      row: 1,
      message: `a DDF datapoints file has one measure column; this one has ${measures.length} (${measures.map(({ label }) => label).join(', ')})`,
    });
  }
  const measure = measures[0];
  if (!measure || area === undefined || year === undefined || domain === undefined || problems.size > problemsBefore)
    return;
  const nature = columns.find('nature');
  const units = columns.find('units');
  for (const { row, cells } of table.rows) {
    builder.add({
      row,
      series: { column: measure.label, value: measure.label },
      area: cellAt(header, cells, area),
      year: cellAt(header, cells, year),
      domain: cellAt(header, cells, domain),
      value: cellAt(header, cells, measure.index),
      nature: cellAt(header, cells, nature),
      units: cellAt(header, cells, units),
    });
  }
}

/** Write the observations of one series in the DDF datapoints layout (the layout carries no time detail, source or footnote). */
export function formatDdfCsv(observations: readonly Observation[], series: SeriesCode): string {
  const rows = observations
    .filter((observation) => observation.series === series)
    .map((observation) => [
      observation.area,
      observation.nature?.toLowerCase(),
      observation.domain.toLowerCase(),
      SERIES[series].unit.toLowerCase(),
      observation.year,
      observation.value,
    ]);
  return formatCsvRows(['geo_area', 'nature', 'policy_domains', 'units', 'year', series.toLowerCase()], rows);
}
