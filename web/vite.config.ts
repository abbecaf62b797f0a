import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

// The dev server proxies /api to the API; FINSYNC_API_PROXY points it elsewhere (e.g. another port in tests).
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), 'FINSYNC_');
  const apiTarget = env.FINSYNC_API_PROXY ?? 'http://127.0.0.1:3000';
  const proxy = { '/api': { target: apiTarget, changeOrigin: false } };
  return {
    plugins: [
      react(),
      // Installable, and the app shell opens offline (it then says so); API answers are never cached here.
      VitePWA({
        registerType: 'autoUpdate',
        injectRegister: 'script-defer',
        includeAssets: ['favicon.svg', 'icon-192.png', 'icon-512.png'],
        manifest: {
          name: 'finsync',
          short_name: 'finsync',
          description: 'Your bank accounts in step, and where your money goes.',
          start_url: '/',
          display: 'standalone',
          theme_color: '#0b6b57',
          background_color: '#f6f7f9',
          icons: [
            { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
            { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
            { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
            { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
          ],
        },
        workbox: {
          globPatterns: ['**/*.{js,css,html,svg,png,woff2}'],
          navigateFallback: '/index.html',
          navigateFallbackDenylist: [/^\/api\//],
        },
      }),
    ],
    server: { port: Number(env.FINSYNC_WEB_PORT ?? 5173), strictPort: true, proxy },
    preview: { port: Number(env.FINSYNC_WEB_PORT ?? 5173), proxy },
    build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 400 },
  };
});
