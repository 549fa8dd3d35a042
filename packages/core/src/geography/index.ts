export * from './area.ts';
export * from './geography.ts';
export {
  DEVELOPMENT_GROUPS,
  LDC_GROUP,
  LLDC_GROUP,
  SIDS_GROUP,
  DEVELOPED_REGIONS_GROUP,
  DEVELOPING_REGIONS_GROUP,
} from './groupings.data.ts';
export { SDG_REGIONS, type SdgRegionDefinition } from './sdg-regions.data.ts';
