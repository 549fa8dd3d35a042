export * from './exact-percent.ts';
export * from './aggregate-migrp.ts';
export * from './compare-published.ts';
