import { resolve } from 'node:path';
import { z } from 'zod';

/** Every environment variable Leitstand reads; the README's configuration table mirrors this. */
const schema = z.object({
	DATABASE_URL: z.string().trim().optional(),
	DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
	DATA_DIR: z.string().trim().min(1).default('./data'),
	SEED_DEMO: z.enum(['0', '1']).default('1'),
	DEMO_TICKETS: z.coerce.number().int().min(0).max(5000).default(300),
	SIGNUP_EMAIL_DOMAINS: z.string().trim().default(''),
	NODE_ENV: z.string().default('development'),
	LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
	JOBS: z.enum(['0', '1']).default('1'),
	DATABASE_WAIT: z.enum(['0', '1']).default('1'),
	SMTP_URL: z
		.string()
		.trim()
		.refine((v) => v === '' || /^smtps?:\/\/./i.test(v), 'must start with smtp:// or smtps://')
		.optional(),
	MAIL_FROM: z.string().trim().min(1).default('Leitstand <helpdesk@localhost>'),
	METRICS_TOKEN: z
		.string()
		.trim()
		.refine((v) => v === '' || v.length >= 16, 'must be at least 16 characters')
		.optional()
});

export interface Config {
	/** PostgreSQL connection string; unset means embedded PGlite in `dataDir`. */
	databaseUrl: string | undefined;
	poolMax: number;
	dataDir: string;
	seedDemo: boolean;
	/** How many demo tickets the first start with SEED_DEMO=1 creates (0: none). */
	demoTickets: number;
	/** Lower-case email domains allowed to sign up as requesters; empty means sign-up is off. */
	signupDomains: string[];
	production: boolean;
	logLevel: 'debug' | 'info' | 'warn' | 'error';
	/** Run the background jobs (SLA clock, mail outbox, auto-close) on this node. */
	jobs: boolean;
	/**
	 * Keep trying to reach PostgreSQL at start-up while it refuses connections (the status edge
	 * serves the last snapshot meanwhile) instead of exiting. Unset: fail at once.
	 */
	waitForDatabase?: boolean;
	/** SMTP server for outgoing mail; unset keeps mail in the in-app mailbox (/admin/mail). */
	smtpUrl: string | undefined;
	mailFrom: string;
	/** Bearer secret for `/metrics`; without one `/metrics` answers 404 (off the public surface). */
	metricsToken?: string;
}

/** Parse the environment once; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const parsed = schema.safeParse(env);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
		throw new Error(`Invalid configuration: ${problems.join('; ')}`);
	}
	const e = parsed.data;
	return {
		databaseUrl: e.DATABASE_URL || undefined,
		poolMax: e.DATABASE_POOL_MAX,
		dataDir: resolve(e.DATA_DIR),
		seedDemo: e.SEED_DEMO === '1',
		demoTickets: e.DEMO_TICKETS,
		signupDomains: e.SIGNUP_EMAIL_DOMAINS.split(',')
			.map((d) => d.trim().toLowerCase().replace(/^@/, ''))
			.filter(Boolean),
		production: e.NODE_ENV === 'production',
		logLevel: e.LOG_LEVEL,
		jobs: e.JOBS === '1',
		waitForDatabase: e.DATABASE_WAIT === '1',
		smtpUrl: e.SMTP_URL || undefined,
		mailFrom: e.MAIL_FROM,
		metricsToken: e.METRICS_TOKEN || undefined
	};
}
