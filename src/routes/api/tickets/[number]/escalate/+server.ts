import { levelMoveRoute } from '$lib/server/api/tickets';
import { methodNotAllowed } from '$lib/server/api/respond';
import type { RequestHandler } from './$types';

/** Move the ticket to a group of a higher level, with a reason. */
export const POST: RequestHandler = levelMoveRoute('escalate');

export const fallback: RequestHandler = methodNotAllowed('POST');
