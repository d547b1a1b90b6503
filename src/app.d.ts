import type { SessionUser } from '$lib/types/user';

declare global {
	namespace App {
		interface Error {
			message: string;
			code: string;
			fields?: Record<string, string>;
		}
		interface Locals {
			user: SessionUser | null;
			/** Hash of the session token when signed in with a cookie (not with an API token). */
			sessionId: string | null;
			/** How the request authenticated. */
			auth: 'session' | 'token' | null;
		}
		// interface PageData {}
		// interface PageState {}
		// interface Platform {}
	}
}

export {};
