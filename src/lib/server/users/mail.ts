// Mail texts for self sign-up, in the language the sign-up form was used in.
import { baseUrl } from '../http/base-url';
import type { OutgoingMail } from '../notify/db';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/types/user';

// Links are built from ORIGIN, never from the request's Host header, which the client chooses:
// a link to another host would hand that host the token.

interface Recipient {
	email: string;
	name: string;
	locale: Locale;
}

/** The single-use link that activates a requested account. */
export function signupLink(to: Recipient, token: string, hours: number): OutgoingMail {
	const url = `${baseUrl()}/signup/confirm?token=${encodeURIComponent(token)}`;
	const o = { locale: to.locale } as const;
	return {
		recipient: to.email,
		subject: m.mail_signup_subject({}, o),
		body: m.mail_signup_body({ name: to.name, hours, url }, o)
	};
}

/** Sent instead when the address already has an account, so the page need not say so. */
export function signupExists(to: Recipient): OutgoingMail {
	const o = { locale: to.locale } as const;
	return {
		recipient: to.email,
		subject: m.mail_signup_exists_subject({}, o),
		body: m.mail_signup_exists_body({ name: to.name, url: `${baseUrl()}/login` }, o)
	};
}
