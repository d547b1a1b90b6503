// Leitstand's command line: `npm run admin -- <command> [options]`, `npm run db:migrate`,
// `npm run db:seed -- --demo`. It opens the same database the app would (DATABASE_URL or DATA_DIR).
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { loadConfig } from '../src/lib/server/config';
import { openDatabase, type Database } from '../src/lib/server/db/client';
import { migrate } from '../src/lib/server/db/migrate';
import { SQL_DIR } from '../src/lib/server/app';
import { createApiToken, revokeApiToken } from '../src/lib/server/auth/tokens';
import { getUserByEmail } from '../src/lib/server/users/db';
import { createUser, UserInputError } from '../src/lib/server/users/service';
import { DEMO_PASSWORD, DEMO_USERS, seedDemo } from '../src/lib/server/seed/demo';
import { ensureDefaults } from '../src/lib/server/seed/defaults';
import { seedDemoTickets } from '../src/lib/server/seed/tickets';
import { listTickets } from '../src/lib/server/tickets/db';

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  migrate                                   apply pending SQL migrations
  seed --demo                               add the demo organisation (idempotent) and,
                                            if there are no tickets yet, ~300 demo tickets
  create-user --email E --name N --role R [--group G]
                                            R: requester | agent | lead | admin
                                            password from LEITSTAND_PASSWORD or a prompt
  create-token --email E --name N           print a new API token for that user (shown once)
  revoke-token --email E --id ID            revoke one of the user's API tokens
`;

class CliError extends Error {}

function option(values: Record<string, unknown>, name: string): string {
	const v = values[name];
	if (typeof v !== 'string' || v.trim() === '') throw new CliError(`Missing --${name}.`);
	return v.trim();
}

/** Read a password without echoing it. */
async function promptPassword(question: string): Promise<string> {
	if (!process.stdin.isTTY) {
		throw new CliError('No terminal to ask for a password: set LEITSTAND_PASSWORD.');
	}
	let muted = false;
	const output = new Writable({
		write(chunk, _enc, done) {
			if (!muted) process.stdout.write(chunk);
			done();
		}
	});
	const rl = createInterface({ input: process.stdin, output, terminal: true });
	const answer = new Promise<string>((resolve) => rl.question(question, resolve));
	muted = true;
	const password = await answer;
	rl.close();
	process.stdout.write('\n');
	return password;
}

async function run(db: Database, command: string, values: Record<string, unknown>) {
	switch (command) {
		case 'migrate': {
			const { applied, total } = await migrate(db.sql, SQL_DIR);
			console.log(`${total} migrations known, ${applied.length} applied now.`);
			for (const name of applied) console.log(`  ${name}`);
			return;
		}
		case 'seed': {
			if (!values.demo) throw new CliError('Only demo data can be seeded: add --demo.');
			await migrate(db.sql, SQL_DIR);
			await ensureDefaults(db);
			const { created } = await seedDemo(db);
			console.log(`Demo organisation ready (${created.length} users created now).`);
			if ((await listTickets(db.sql, { limit: 1 })).length > 0) {
				console.log('Tickets exist already: no demo tickets added.');
			} else {
				const started = Date.now();
				const { tickets } = await seedDemoTickets(db, { count: loadConfig().demoTickets });
				console.log(`${tickets.length} demo tickets created in ${Date.now() - started} ms.`);
			}
			for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(9)} ${u.email}`);
			console.log(`Password for every demo account: ${DEMO_PASSWORD}`);
			return;
		}
		case 'create-user': {
			await migrate(db.sql, SQL_DIR);
			const password = process.env.LEITSTAND_PASSWORD ?? (await promptPassword('Password: '));
			const group = typeof values.group === 'string' ? values.group : undefined;
			const user = await createUser(db, {
				email: option(values, 'email'),
				name: option(values, 'name'),
				role: option(values, 'role') as 'requester',
				password,
				group
			});
			console.log(`Created ${user.role} ${user.email} (id ${user.id}).`);
			return;
		}
		case 'create-token': {
			const email = option(values, 'email');
			const user = await getUserByEmail(db.sql, email);
			if (!user) throw new CliError(`No user with email ${email}.`);
			const { token, info } = await createApiToken(db.sql, user.id, option(values, 'name'));
			console.log(`Token "${info.name}" (id ${info.id}) for ${user.email}. It is shown only now:`);
			console.log(token);
			return;
		}
		case 'revoke-token': {
			const email = option(values, 'email');
			const user = await getUserByEmail(db.sql, email);
			if (!user) throw new CliError(`No user with email ${email}.`);
			const id = Number(option(values, 'id'));
			if (!(await revokeApiToken(db.sql, user.id, id))) {
				throw new CliError(`No active token ${id} for ${email}.`);
			}
			console.log(`Token ${id} revoked.`);
			return;
		}
		default:
			throw new CliError(command ? `Unknown command "${command}".\n\n${USAGE}` : USAGE);
	}
}

async function main() {
	const { positionals, values } = parseArgs({
		allowPositionals: true,
		options: {
			email: { type: 'string' },
			name: { type: 'string' },
			role: { type: 'string' },
			group: { type: 'string' },
			id: { type: 'string' },
			demo: { type: 'boolean' },
			help: { type: 'boolean', short: 'h' }
		}
	});
	const command = positionals[0] ?? '';
	if (values.help || command === 'help' || !command) {
		console.log(USAGE);
		return;
	}
	const config = loadConfig();
	const db = await openDatabase({
		databaseUrl: config.databaseUrl,
		dataDir: config.dataDir,
		poolMax: 2
	});
	try {
		await run(db, command, values);
	} finally {
		await db.close();
	}
}

main().catch((error: unknown) => {
	if (error instanceof UserInputError) {
		for (const [field, message] of Object.entries(error.fields))
			console.error(`--${field}: ${message}`);
	} else {
		console.error(error instanceof Error ? error.message : String(error));
	}
	process.exit(1);
});
