import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Sql } from './client';

// Any fixed number works; it only has to be the same on every node.
const MIGRATION_LOCK = 7_412_001;
const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface MigrationResult {
	applied: string[];
	total: number;
}

/** List `sql/NNNN_name.sql` files in order; a malformed name is an error, not silently skipped. */
export async function migrationFiles(dir: string): Promise<string[]> {
	const names = (await readdir(dir)).filter((n) => n.endsWith('.sql')).sort();
	for (const name of names) {
		if (!FILE_PATTERN.test(name))
			throw new Error(`Migration file name must be NNNN_name.sql: ${name}`);
	}
	return names;
}

/**
 * Apply pending migrations in one transaction (all or nothing) under an advisory lock, so that
 * several nodes starting at once apply each file exactly once.
 */
export async function migrate(sql: Sql, dir: string): Promise<MigrationResult> {
	const files = await migrationFiles(dir);
	return sql.begin(async (tx) => {
		// Transaction-scoped lock: released on commit or rollback, even if this process dies.
		await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
		await tx`
			create table if not exists schema_migrations (
				name text primary key,
				applied_at timestamptz not null default now()
			)`;
		const done = new Set(
			(await tx`select name from schema_migrations`).map((r) => r.name as string)
		);
		const applied: string[] = [];
		for (const name of files) {
			if (done.has(name)) continue;
			const text = await readFile(join(dir, name), 'utf8');
			await tx
				.savepoint(async (sp) => {
					await sp.unsafe(text);
					await sp`insert into schema_migrations (name) values (${name})`;
				})
				.catch((error: unknown) => {
					throw new Error(
						`Migration ${name} failed: ${error instanceof Error ? error.message : error}`
					);
				});
			applied.push(name);
		}
		return { applied, total: files.length };
	});
}
