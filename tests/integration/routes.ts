// What is on disk under src/routes, read at test time: every page (with the server loads of its
// layouts), every form action and every endpoint method, by importing the files found there. The
// authorisation matrix and the fuzz tests key their tables by these names, so a route added or
// removed on disk without a row in their tables fails them.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { action, send, type Route } from './requests';

export const ROUTES_DIR = join(process.cwd(), 'src', 'routes');
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'];

export type Load = (event: never) => unknown;
interface PageModule {
	load?: Load;
	actions?: Record<string, Load>;
}

export interface RouteList {
	/** `load <route id>` → its server loads, outermost layout first, then its own (if any). */
	pages: Map<string, Load[]>;
	/** `action <route id> <name>` → the action (`default` for a page's only action). */
	actions: Map<string, Load>;
	/** `<METHOD> <route id>` (or `fallback <route id>`) → the handler. */
	endpoints: Map<string, Route>;
}

function directories(dir: string): string[] {
	const subs = readdirSync(dir)
		.map((name) => join(dir, name))
		.filter((p) => statSync(p).isDirectory());
	return [dir, ...subs.flatMap(directories)];
}

const routeId = (dir: string) =>
	'/' + relative(ROUTES_DIR, dir).split(sep).filter(Boolean).join('/');

/** Every page, action and endpoint under src/routes. */
export async function discoverRoutes(): Promise<RouteList> {
	const pages = new Map<string, Load[]>();
	const actions = new Map<string, Load>();
	const endpoints = new Map<string, Route>();
	const layouts = new Map<string, Load>();
	const dirs = directories(ROUTES_DIR);
	const has = (dir: string, file: string) => readdirSync(dir).includes(file);
	for (const dir of dirs) {
		if (has(dir, '+layout.server.ts')) {
			const mod = (await import(join(dir, '+layout.server.ts'))) as PageModule;
			if (mod.load) layouts.set(dir, mod.load);
		}
	}
	for (const dir of dirs) {
		const id = routeId(dir);
		if (has(dir, '+page.server.ts') || has(dir, '+page.svelte')) {
			const chain: Load[] = [];
			for (let d = dir; ; d = join(d, '..')) {
				const layout = layouts.get(d);
				if (layout) chain.unshift(layout);
				if (d === ROUTES_DIR) break;
			}
			if (has(dir, '+page.server.ts')) {
				const mod = (await import(join(dir, '+page.server.ts'))) as PageModule;
				if (mod.load) chain.push(mod.load);
				for (const [name, run] of Object.entries(mod.actions ?? {})) {
					actions.set(`action ${id} ${name}`, run);
				}
			}
			pages.set(`load ${id}`, chain);
		}
		if (has(dir, '+server.ts')) {
			const mod = (await import(join(dir, '+server.ts'))) as Record<string, Route | undefined>;
			for (const [name, handler] of Object.entries(mod)) {
				if (HTTP_METHODS.includes(name) && handler) endpoints.set(`${name} ${id}`, handler);
			}
		}
	}
	return { pages, actions, endpoints };
}

/**
 * The topic families `canSubscribe` admits anyone to, read from its source: the literal topics
 * (`topic === 'desk'`) and the families of its topic patterns (`/^queue:(level-[123]|…)$/`
 * gives `queue:level-N`, …).
 */
export function discoverTopicFamilies(): string[] {
	const source = readFileSync(join(process.cwd(), 'src/lib/server/realtime/access.ts'), 'utf8');
	const families = new Set<string>();
	for (const [, topic] of source.matchAll(/topic === '([a-z][\w-]*)'/g)) families.add(topic);
	for (const [, name, body] of source.matchAll(/\/\^([a-z][\w-]*):\((.*?)\)\$\//g)) {
		for (const alternative of body.split('|')) {
			const prefix = /^[a-z][\w-]*/.exec(alternative)?.[0] ?? '';
			families.add(prefix === alternative ? `${name}:${prefix}` : `${name}:${prefix}N`);
		}
	}
	return [...families].sort();
}

/**
 * The path and params of a route id: `[number]` becomes `number` (any `[name]` its value, `1`
 * when none is given), `[...rest]` becomes `rest`.
 */
export function address(
	id: string,
	values: { number?: string; rest?: string; [param: string]: string | undefined }
): { path: string; params: Record<string, string> } {
	const params: Record<string, string> = {};
	const path = id
		.replace(/\[(\w+)\]/g, (_, name: string) => {
			params[name] = values[name] ?? '1';
			return encodeURIComponent(params[name]);
		})
		.replace('[...rest]', () => {
			params.rest = values.rest ?? 'no/such/thing';
			return params.rest
				.split('/')
				.map((s) => encodeURIComponent(s))
				.join('/');
		});
	return { path, params };
}

/**
 * A page's loads as one route, layouts first as SvelteKit runs them (the first to redirect or
 * fail decides the answer). The data is not serialised: a success is an empty 200.
 */
export function pageRoute(chain: Load[]): Route {
	return action(async (event: never) => {
		const e = event as { parent?: () => Promise<object>; depends?: () => void };
		e.parent = async () => ({});
		e.depends = () => {};
		for (const load of chain) await (load as (e: never) => unknown)(event);
		return null;
	});
}

/** Sign in through the login form as `email`; the new session's token. */
export async function logIn(
	routes: RouteList,
	email: string,
	password: string,
	address: string
): Promise<string> {
	const login = routes.actions.get('action /login default');
	if (!login) throw new Error('the route list has no login action');
	const r = await send(action(login), { path: '/login', form: { email, password }, address });
	const token = r.cookies.get('leitstand_session');
	if (r.status !== 303 || !token)
		throw new Error(`sign-in as ${email} failed: ${r.status} ${r.text}`);
	return token;
}
