/* @jsxRuntime automatic */
/** Draws the world map from precomputed geometry and classes: countries are links with names, keyboard-focusable, with a tooltip. */
import { useState } from 'react';
import type { WorldMapGeometry } from './world-map-state.ts';
import { fillOf, type CategoryClass } from './category-scale.ts';

/** The fill of shapes that have no M49 area of their own: lighter than "no data", which is a country without a value. */
const NO_AREA_FILL = '#f2f2f2';

export interface ChoroplethMapProps {
  geometry: WorldMapGeometry;
  classes: ReadonlyMap<string, CategoryClass>;
  /** The label of a country (name and category), for the link, its title and the tooltip. */
  describe: (code: string | undefined, atlasName: string, cls: CategoryClass) => string;
  hrefFor: (code: string) => string;
  /** Whether a code has a profile to link to; shapes without one (no M49 area of their own) get no link and a neutral fill. All by default. */
  hasProfile?: (code: string) => boolean;
  onOpen?: (code: string) => void;
  titleId: string;
  descriptionId: string;
  title: string;
}

export function ChoroplethMap({
  geometry,
  classes,
  describe,
  hrefFor,
  hasProfile = () => true,
  onOpen,
  titleId,
  descriptionId,
  title,
}: ChoroplethMapProps) {
  const [active, setActive] = useState<{ label: string; x: number; y: number } | undefined>();
  return (
    <div className="map" onMouseLeave={() => setActive(undefined)}>
      <svg
        viewBox={`0 0 ${geometry.width} ${geometry.height}`}
        role="group"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        className="map-svg"
      >
        <title id={titleId}>{title}</title>
        <path d={geometry.outline} fill="#f4f8fb" stroke="#c4ccd4" strokeWidth={0.5} />
        {geometry.shapes.map((shape, index) => {
          if (!shape.code || !hasProfile(shape.code)) {
            // No M49 area of its own (or no id at all): drawn, but neither a link nor a value (the legend's note names it).
            return (
              <g key={`x${index}`} aria-hidden="true" className="map-no-area" data-atlas-code={shape.code}>
                <path d={shape.d} fill={NO_AREA_FILL} stroke="#ffffff" strokeWidth={0.4} />
              </g>
            );
          }
          const cls: CategoryClass = classes.get(shape.code) || { kind: 'no-data' };
          const label = describe(shape.code, shape.atlasName, cls);
          const path = <path d={shape.d} fill={fillOf(cls)} stroke="#ffffff" strokeWidth={0.4} />;
          const code = shape.code;
          const show = (event: { clientX?: number; clientY?: number; currentTarget: Element }) => {
            const box = event.currentTarget.getBoundingClientRect?.();
            const parent = event.currentTarget.closest('.map')?.getBoundingClientRect?.();
            const x = event.clientX ?? (box ? box.left + box.width / 2 : 0);
            const y = event.clientY ?? (box ? box.top : 0);
            setActive({ label, x: x - (parent?.left ?? 0), y: y - (parent?.top ?? 0) });
          };
          return (
            <a
              key={code}
              href={hrefFor(code)}
              aria-label={label}
              className="map-country"
              data-code={code}
              onMouseMove={show}
              onFocus={(event) => show({ currentTarget: event.currentTarget })}
              onBlur={() => setActive(undefined)}
              onClick={(event) => {
                if (!onOpen || event.button !== 0 || event.metaKey || event.ctrlKey) return;
                event.preventDefault();
                onOpen(code);
              }}
            >
              <title>{label}</title>
              {path}
            </a>
          );
        })}
      </svg>
      {active ? (
        <div className="map-tooltip" role="status" style={{ left: active.x, top: active.y }}>
          {active.label}
        </div>
      ) : null}
    </div>
  );
}
