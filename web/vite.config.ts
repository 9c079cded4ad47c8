import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/healthz': 'http://localhost:8080',
    },
  },
  build: {
    // Read by scripts/check-bundle.mjs, which holds the first load to its budget.
    manifest: true,
    chunkSizeWarningLimit: 1500,
  },
});
