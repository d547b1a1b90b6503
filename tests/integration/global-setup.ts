import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/lib/server/db/client';
import { migrate } from '../../src/lib/server/db/migrate';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Migrated PGlite data directory that each test file copies (embedded runs only). */
		pgliteTemplate: string;
	}
}

/** Build one migrated PGlite directory per run; starting PGlite fresh costs seconds, a copy does not. */
export default async function setup(project: TestProject) {
	if (process.env.TEST_DATABASE_URL) {
		project.provide('pgliteTemplate', '');
		return;
	}
	const root = mkdtempSync(join(tmpdir(), 'lst-tpl-'));
	const db = await openDatabase({ dataDir: root });
	await migrate(db.sql, join(process.cwd(), 'sql'));
	await db.close();
	project.provide('pgliteTemplate', root);
	return () => rmSync(root, { recursive: true, force: true });
}
