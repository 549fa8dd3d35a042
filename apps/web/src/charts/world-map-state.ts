/**
 * The world map's geometry: world-atlas countries-110m (TopoJSON; ids are ISO 3166-1 numeric = M49)
 * projected once with Equal Earth into SVG path strings. Pure: the same topology gives the same paths.
 */
import { feature } from 'topojson-client';
import { geoEqualEarth, geoPath } from 'd3-geo';
import type { Topology, GeometryCollection } from 'topojson-specification';
import { normalizeAreaCode } from './category-scale.ts';

/** A country shape ready to draw. */
interface MapShape {
  /** Normalized M49 code, or undefined for the few shapes world-atlas leaves without an id. */
  code: string | undefined;
  /** The name in world-atlas (English), used only when the API has no name for the code. */
  atlasName: string;
  d: string;
}

export interface WorldMapGeometry {
  width: number;
  height: number;
  shapes: MapShape[];
  /** The sphere outline. */
  outline: string;
}

const cache = new WeakMap<object, WorldMapGeometry>();

/** Project the countries of a world-atlas topology into a width x height box. */
export function projectWorld(topology: Topology, width = 960, height = 470): WorldMapGeometry {
  const hit = cache.get(topology);
  if (hit && hit.width === width && hit.height === height) return hit;
  const countries = topology.objects.countries as GeometryCollection<{ name?: string }> | undefined;
  if (!countries)
    throw new Error('invalid topology: it has no "countries" object (expected world-atlas countries-110m.json)');
  const collection = feature(topology, countries);
  const projection = geoEqualEarth().fitExtent(
    [
      [2, 2],
      [width - 2, height - 2],
    ],
    { type: 'Sphere' },
  );
  // One decimal is below a pixel's width and keeps the SVG small.
  const path = geoPath(projection).digits(1);
  const shapes: MapShape[] = [];
  for (const country of collection.features) {
    const d = path(country);
    if (!d) continue;
    const id = country.id === undefined ? undefined : normalizeAreaCode(String(country.id));
    shapes.push({ code: id, atlasName: country.properties?.name ?? '', d });
  }
  const geometry = { width, height, shapes, outline: path({ type: 'Sphere' }) ?? '' };
  cache.set(topology, geometry);
  return geometry;
}
