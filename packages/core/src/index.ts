export * from './observations/observation.ts';
