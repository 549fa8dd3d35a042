// The official data snapshot and the provenance of every 10.7.2 value.
export * from './snapshot.ts';
export * from './provenance.ts';
