import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { Topology } from 'topojson-specification';
import { projectWorld } from './world-map-state.ts';

const topology = JSON.parse(
  readFileSync(createRequire(import.meta.url).resolve('world-atlas/countries-110m.json'), 'utf8'),
) as Topology;

describe('projectWorld', () => {
  const geometry = projectWorld(topology, 960, 470);

  it('draws the 177 world-atlas shapes, keyed by M49 code without leading zeros', () => {
    expect(geometry.shapes).toHaveLength(177);
    expect(geometry.shapes.find((shape) => shape.code === '4')?.atlasName).toBe('Afghanistan');
    expect(
      geometry.shapes
        .filter((shape) => shape.code === undefined)
        .map((shape) => shape.atlasName)
        .sort(),
    ).toEqual(['Kosovo', 'N. Cyprus', 'Somaliland']);
  });

  it('keeps every path inside the box', () => {
    for (const shape of geometry.shapes) {
      const numbers = shape.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...numbers)).toBeLessThanOrEqual(960);
    }
  });

  it('returns the same geometry for the same topology and size', () => {
    expect(projectWorld(topology, 960, 470)).toBe(geometry);
  });

  it('refuses a topology without countries', () => {
    expect(() => projectWorld({ type: 'Topology', objects: {}, arcs: [] } as unknown as Topology)).toThrow(
      'invalid topology',
    );
  });
});
