import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

/** Preload the world map's TopoJSON (a hashed asset) from index.html, so it downloads alongside the script. */
function preloadWorldMap(): Plugin {
  return {
    name: 'migov-preload-world-map',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const asset = Object.keys(context.bundle ?? {}).find((name) => /countries-110m-.*\.json$/.test(name));
        return asset ? [{ tag: 'link', attrs: { rel: 'preload', href: `/${asset}`, as: 'fetch', crossorigin: '' }, injectTo: 'head' }] : [];
      },
    },
  };
}
import react from '@vitejs/plugin-react';

// The app is served by the migov server from dist/ (client-side routes fall back to index.html).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react(), preloadWorldMap()],
  resolve: {
    // Only the pure core modules go to the browser (see src/core-browser.ts).
    alias: [{ find: /^@migov\/core$/, replacement: fileURLToPath(new URL('./src/core-browser.ts', import.meta.url)) }],
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, reportCompressedSize: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
