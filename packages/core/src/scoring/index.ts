// The official scoring of 10.7.2: exact fractions, the scores of an assessment, the advice on the next category.
export * from './fraction.ts';
export * from './score-assessment.ts';
export * from './next-category.ts';
