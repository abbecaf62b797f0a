import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';

// The dev server proxies /api to the API; FINSYNC_API_PROXY points it elsewhere (e.g. another port in tests).
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'FINSYNC_');
  const apiTarget = env.FINSYNC_API_PROXY ?? 'http://127.0.0.1:3000';
  const proxy = { '/api': { target: apiTarget, changeOrigin: false } };
  return {
    plugins: [react()],
    server: { port: Number(env.FINSYNC_WEB_PORT ?? 5173), strictPort: true, proxy },
    preview: { port: Number(env.FINSYNC_WEB_PORT ?? 5173), proxy },
    build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 400 },
  };
});
