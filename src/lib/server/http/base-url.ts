// The address people reach Leitstand at, for links in mail, feeds and the status API. Built from
// ORIGIN, never from the request's Host header, which the client chooses.
export const baseUrl = (): string =>
	(process.env.ORIGIN ?? 'http://localhost:3000').replace(/\/$/, '');
