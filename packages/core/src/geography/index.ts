export * from './area.ts';
export * from './geography.ts';
export { DEVELOPMENT_GROUPS } from './groupings.data.ts';
export { SDG_REGIONS } from './sdg-regions.data.ts';
