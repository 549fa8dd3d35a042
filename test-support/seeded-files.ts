/**
 * Files generated from a seed for tests and benchmarks that need big or hostile inputs: never
 * committed, the same bytes on every run.
 */
import { seededRandom } from '@migov/core';

/** An SDG API CSV of `rows` observations of SG_CPA_MIGRS, areas, years and values from the seed. */
export function seededSdgApiCsv(rows: number, seed: number): string {
  const random = seededRandom(seed);
  const lines = [
    'Goal,Target,Indicator,SeriesCode,SeriesDescription,GeoAreaCode,GeoAreaName,TimePeriod,Value,Time_Detail,Nature,Source,FootNote,Units,[Policy Domains]',
  ];
  for (let row = 0; row < rows; row += 1) {
    const year = 2015 + Math.floor(random() * 9);
    lines.push(
      `10,10.7,10.7.2,SG_CPA_MIGRS,Countries with migration policies,${4 + Math.floor(random() * 800)},Area,${year},${Math.floor(random() * 100)},${year},C,Survey ${row},,PERCENT,ALLDOMAINS`,
    );
  }
  return `${lines.join('\n')}\n`;
}
