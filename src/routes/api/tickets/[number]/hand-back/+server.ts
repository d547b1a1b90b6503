import { levelMoveRoute } from '$lib/server/api/tickets';
import { methodNotAllowed } from '$lib/server/api/respond';
import type { RequestHandler } from './$types';

/** Hand the ticket back to a group of a lower level, with a reason. */
export const POST: RequestHandler = levelMoveRoute('hand_back');

export const fallback: RequestHandler = methodNotAllowed('POST');
