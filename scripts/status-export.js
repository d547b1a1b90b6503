// `npm run status:export -- --out DIR`: a static copy of the public status surface (pages, the
// Statuspage v2 JSON, the feeds, and the CSS/JS they load) that any web server or object store can
// serve, laid out by URL path. The files are the status edge's own bytes: from the snapshot the
// running app keeps in DATA_DIR/status, or (`--render`, or when there is none with pages yet) from
// the production server started here once on that data, which renders them as it always does.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
	options: {
		out: { type: 'string' },
		'data-dir': { type: 'string' },
		lang: { type: 'string', default: 'en' },
		render: { type: 'boolean', default: false },
		help: { type: 'boolean', default: false }
	}
});
if (values.help || !values.out) {
	console.log(`Usage: npm run status:export -- --out DIR [--lang en|de] [--data-dir DIR] [--render]

Writes DIR/status/index.html, DIR/status/history/index.html, DIR/status/incidents/<id>/index.html,
DIR/status/feed.atom, DIR/status/feed.rss, DIR/api/v2/*.json, DIR/index.html and DIR/_app/.
--data-dir   where the app keeps its data (default: DATA_DIR, else ./data)
--render     start the production server on that data once to render fresh pages (stop the app
             first when it uses the embedded database: one process per data folder)`);
	process.exit(values.out ? 0 : 1);
}
const lang = values.lang === 'de' ? 'de' : 'en';
const dataDir = resolve(values['data-dir'] ?? process.env.DATA_DIR ?? './data');
const snapshotFile = join(dataDir, 'status', 'snapshot.json');
const out = resolve(values.out);

const read = () => JSON.parse(readFileSync(snapshotFile, 'utf8'));
const hasPages = (s) => s.entries.some((e) => e.type.startsWith('text/html'));

function freePort() {
	return new Promise((done) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = s.address();
			s.close(() => done(port));
		});
	});
}

/** Start server.js on the data, wait for a snapshot with pages written after the start, stop. */
async function render() {
	if (!existsSync('build/handler.js')) throw new Error('No build: run `npm run build` first.');
	const started = Date.now();
	const port = await freePort();
	const child = spawn(process.execPath, ['server.js'], {
		env: {
			...process.env,
			DATA_DIR: dataDir,
			PORT: String(port),
			HOST: '127.0.0.1',
			JOBS: '0',
			NODE_ENV: 'production',
			LEITSTAND_SILENT: '1'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	try {
		for (let i = 0; i < 600; i++) {
			if (child.exitCode !== null) throw new Error('the server stopped while starting');
			if (existsSync(snapshotFile) && statSync(snapshotFile).mtimeMs > started) {
				if (hasPages(read())) return;
			}
			await new Promise((r) => setTimeout(r, 200));
		}
		throw new Error('no pages were rendered within two minutes');
	} finally {
		child.kill('SIGTERM');
		await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
	}
}

/** Where an entry's URL path lives in the static tree. */
function fileOf(path) {
	if (path.startsWith('/api/') || path.endsWith('.atom') || path.endsWith('.rss')) return path;
	if (path.includes('?')) return null; // further history pages: a static host ignores queries
	return `${path}/index.html`;
}

if (values.render || !existsSync(snapshotFile) || !hasPages(read())) await render();
const snapshot = read();
let files = 0;
for (const entry of snapshot.entries) {
	if (entry.lang !== null && entry.lang !== lang) continue;
	const file = fileOf(entry.path);
	if (!file) continue;
	const target = join(out, file);
	mkdirSync(dirname(target), { recursive: true });
	writeFileSync(target, entry.body);
	files++;
	if (entry.path === '/status') writeFileSync(join(out, 'index.html'), entry.body);
}
if (existsSync('build/client/_app'))
	cpSync('build/client/_app', join(out, '_app'), { recursive: true });
if (existsSync('build/client/favicon.svg'))
	cpSync('build/client/favicon.svg', join(out, 'favicon.svg'));
console.log(`Wrote ${files} files (${lang}, data as of ${snapshot.asOf}) to ${out}`);
