import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The app is served by the migov server from dist/ (client-side routes fall back to index.html).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', assetsInlineLimit: 0, reportCompressedSize: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
