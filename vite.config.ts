import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig, type Plugin } from 'vitest/config';
import type { Server as HttpServer } from 'node:http';
import { attachSocketServer } from './src/lib/server/realtime/io-server.js';

/** Attaches the same Socket.IO server the production entry uses to Vite's dev/preview server. */
function leitstandSocketIo(): Plugin {
	const attach = (httpServer: unknown) => {
		// Vitest also starts Vite; it must not open a socket server.
		if (process.env.VITEST || !httpServer) return;
		attachSocketServer(httpServer as HttpServer);
	};
	return {
		name: 'leitstand-socket-io',
		configureServer: (server) => attach(server.httpServer),
		configurePreviewServer: (server) => attach(server.httpServer)
	};
}

export default defineConfig({
	plugins: [
		tailwindcss(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['cookie', 'preferredLanguage', 'baseLocale'],
			cookieName: 'leitstand_locale'
		}),
		sveltekit(),
		leitstandSocketIo()
	],
	server: { port: 3000 },
	preview: { port: 3000 },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.spec.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					environment: 'node',
					include: ['tests/integration/**/*.test.ts'],
					// `*.pg.test.ts` need several PostgreSQL connections (PGlite serves one): they run
					// in the PostgreSQL pass only, instead of showing up as skipped in the embedded one.
					exclude: process.env.TEST_DATABASE_URL ? [] : ['tests/integration/**/*.pg.test.ts'],
					globalSetup: ['tests/integration/global-setup.ts'],
					// One database per worker; files in a worker run one after another.
					fileParallelism: false,
					testTimeout: 30_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
