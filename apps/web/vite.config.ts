import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served by the migov server from dist/ (client-side routes fall back to index.html).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  resolve: {
    // Only the pure core modules go to the browser (see src/core-browser.ts).
    alias: [{ find: /^@migov\/core$/, replacement: fileURLToPath(new URL('./src/core-browser.ts', import.meta.url)) }],
  },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, reportCompressedSize: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
