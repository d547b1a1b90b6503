import { fail } from '@sveltejs/kit';
import { TicketError } from './service';

/**
 * Run a ticket operation from a form action: a refused operation becomes `fail(status, …)` with
 * its message and field errors for the form; anything else is a real error and propagates.
 */
export async function ticketAction<T>(run: () => Promise<T>) {
	try {
		return { ok: true as const, result: await run() };
	} catch (error) {
		if (error instanceof TicketError) {
			return {
				ok: false as const,
				failure: fail(error.status, {
					message: error.message,
					code: error.code,
					fields: error.fields ?? {}
				})
			};
		}
		throw error;
	}
}

/** Read a positive integer form field, or undefined when absent or malformed. */
export function formInt(form: FormData, name: string): number | undefined {
	const raw = form.get(name);
	if (typeof raw !== 'string' || !/^\d{1,9}$/.test(raw.trim())) return undefined;
	const n = Number(raw);
	return n > 0 ? n : undefined;
}

export function formText(form: FormData, name: string): string {
	const raw = form.get(name);
	return typeof raw === 'string' ? raw : '';
}
