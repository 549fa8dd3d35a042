export * from './observations/observation.ts';
export * from './instruments/model.ts';
export * from './instruments/sdg-10-7-2.data.ts';
export * from './instruments/registry.ts';
export * from './scoring/fraction.ts';
export * from './scoring/score-assessment.ts';
export * from './scoring/next-category.ts';
export * from './workflow/assessment-workflow.ts';
