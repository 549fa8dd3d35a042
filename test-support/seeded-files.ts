/**
 * Files generated from a seed for tests and benchmarks that need big or hostile inputs: never
 * committed, the same bytes on every run.
 */

/** A small seeded generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

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
