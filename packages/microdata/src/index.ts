export * from './synthetic-census.ts';
export * from './spec.ts';
export * from './load-microdata.ts';
export * from './indicators.ts';
export * from './estimate.ts';
export * from './normal-quantile.ts';
export * from './session.ts';
export * from './format-output.ts';
export type { FileMetadata, ReadProgress } from './formats/file-metadata.ts';
