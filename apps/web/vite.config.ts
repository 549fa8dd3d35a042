import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { projectWorld } from './src/charts/world-map-state.ts';

const WORLD_MAP_MODULE = 'virtual:migov-world-map';
const RESOLVED_WORLD_MAP = `\0${WORLD_MAP_MODULE}`;

/**
 * The world map, projected once when the app is built: `virtual:migov-world-map` is the URL of a JSON
 * asset holding the SVG paths (world-atlas countries-110m in Equal Earth), so browsers neither load the
 * TopoJSON and projection code nor project on every visit. index.html preloads it beside the script.
 */
function worldMap(): Plugin {
  let serving = false;
  const geometry = () => {
    const topology = JSON.parse(
      readFileSync(createRequire(import.meta.url).resolve('world-atlas/countries-110m.json'), 'utf8'),
    );
    return JSON.stringify(projectWorld(topology));
  };
  return {
    name: 'migov-world-map',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    resolveId: (id) => (id === WORLD_MAP_MODULE ? RESOLVED_WORLD_MAP : undefined),
    load(id) {
      if (id !== RESOLVED_WORLD_MAP) return undefined;
      if (serving)
        return `export default ${JSON.stringify(`data:application/json;base64,${Buffer.from(geometry()).toString('base64')}`)};`;
      const reference = this.emitFile({ type: 'asset', name: 'world-map.json', source: geometry() });
      return `export default import.meta.ROLLUP_FILE_URL_${reference};`;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const asset = Object.keys(context.bundle ?? {}).find((name) => /world-map-.*\.json$/.test(name));
        return asset
          ? [
              {
                tag: 'link',
                attrs: { rel: 'preload', href: `/${asset}`, as: 'fetch', crossorigin: '' },
                injectTo: 'head',
              },
            ]
          : [];
      },
    },
  };
}

/**
 * The entry (main.tsx) is tiny: it imports the app's start (boot.ts) and the app. Preload their chunks
 * from index.html so they download alongside the entry instead of after it (a page drawn on the server
 * leaves them out of its head and asks for them once it is shown).
 */
function preloadApp(): Plugin {
  return {
    name: 'migov-preload-app',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks = Object.values(context.bundle ?? {}).flatMap((output) =>
          output.type === 'chunk' ? [output] : [],
        );
        const app = ['/src/app/boot.ts', '/src/app/render-app.tsx'].map((module) =>
          chunks.find((chunk) => chunk.isDynamicEntry && chunk.moduleIds.some((id) => id.endsWith(module))),
        );
        if (app.some((chunk) => !chunk)) return [];
        const files = new Set<string>();
        const visit = (fileName: string) => {
          if (files.has(fileName)) return;
          files.add(fileName);
          for (const imported of chunks.find((chunk) => chunk.fileName === fileName)?.imports ?? []) visit(imported);
        };
        for (const chunk of app) visit(chunk!.fileName);
        return [...files]
          .filter((file) => !html.includes(`/${file}"`))
          .map((file) => ({
            tag: 'link',
            // data-app: what a page drawn on the server asks for once it is shown (ssr/live-page.tsx).
            attrs: { rel: 'modulepreload', crossorigin: '', href: `/${file}`, 'data-app': '' },
            injectTo: 'head' as const,
          }));
      },
    },
  };
}

/** Write .br and .gz beside every text file of the build, which the server sends to browsers that accept them. */
function precompress(): Plugin {
  let outDir = '';
  const walk = (folder: string): string[] =>
    readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(folder, entry.name)) : [join(folder, entry.name)],
    );
  return {
    name: 'migov-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    writeBundle() {
      for (const file of walk(outDir)) {
        if (!/\.(js|css|json|html|svg)$/.test(file) || statSync(file).size < 1024) continue;
        const bytes = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, {
            params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

// The app is served by the migov server from dist/ (client-side routes fall back to index.html).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), worldMap(), preloadApp(), precompress()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, reportCompressedSize: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
