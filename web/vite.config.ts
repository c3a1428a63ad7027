import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server serves web/dist at / and /embed/* (src/http/routes/ui/); no asset may come from elsewhere.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Assets live under /embed/assets/ so the dashboard and the embed pages share one public prefix.
  base: '/embed/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, assetsInlineLimit: 0, modulePreload: { polyfill: false } },
  logLevel: 'warn',
});
