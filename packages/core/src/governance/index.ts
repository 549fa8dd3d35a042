// The governance layer beyond 10.7.2: MGI-style profile assessments, crosswalks, the partnership registry.
export * from './reference/reference.types.ts';
export * from './reference/migof-domains.data.ts';
export * from './reference/mgi.data.ts';
export * from './reference/gcm.data.ts';
export * from './reference/sdg-indicators.data.ts';
export * from './reference/mainstreaming.data.ts';
export * from './reference/iscm.data.ts';
export * from './mgi/mgi-example.data.ts';
export * from './mgi/mgi-profile.ts';
export * from './mgi/mgi-rounds.ts';
export * from './mgi/mgi-workflow.ts';
export * from './crosswalks/crosswalk.ts';
export * from './crosswalks/crosswalk.data.ts';
export * from './crosswalks/gap-mapping.ts';
export * from './partnerships/partnership.ts';
export * from './partnerships/registry.ts';
export * from './partnerships/group-results.ts';
