// The crosswalk between 10.7.2 domains, GCM objectives and SDG targets, and the gap mapping on it.
// The CSV table of a crosswalk (crosswalk-table.ts) reads files and stays out of this browser-safe entry.
export * from './crosswalk.ts';
export * from './crosswalk.data.ts';
export * from './gap-mapping.ts';
