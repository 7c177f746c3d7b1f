import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server (npm run dev) listens on 8080; the Vite dev server forwards everything that is
// not the web app to it so the browser sees one origin, exactly as in production where the
// server itself serves dist/web.
const apiTarget = process.env.MERIDIAN_API_URL ?? 'http://127.0.0.1:8080';
const proxied = ['/api', '/healthz', '/readyz', '/metrics'];

export default defineConfig({
  root: 'web',
  plugins: [react()],
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: apiTarget }])),
  },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui)[\\/]/ },
            { name: 'tanstack', test: /node_modules[\\/]@tanstack[\\/]/ },
          ],
        },
      },
    },
  },
});
