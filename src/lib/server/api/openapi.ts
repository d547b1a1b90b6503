// The OpenAPI 3.1 description of the ticket API, served at /api/openapi.json and rendered at
// /api/docs. Request bodies and query parameters are generated (`z.toJSONSchema`) from the very
// zod schemas the endpoints validate with (api/tickets.ts), so the document changes with them;
// only the response shapes, which have no schema of their own, are written here.
import { z } from 'zod';
import { SESSION_COOKIE } from '../auth/session';
import { TOKEN_PREFIX } from '../auth/tokens';
import { incidentsOpenApi } from './incidents-openapi';
import { kbOpenApi } from './kb';
import { statusOpenApi } from './status';
import { MAX_BODY_BYTES } from './respond';
import { listQuerySchema, requestBodies } from './tickets';
import { TICKET_STATUSES } from '$lib/types/ticket';
import { ROLES } from '$lib/types/user';

// ───────────────────────── the subset of OpenAPI 3.1 we use ─────────────────────────

type JsonType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean' | 'null';

/** JSON Schema 2020-12, as far as this document and its view need it. */
export interface SchemaObject {
	$ref?: string;
	type?: JsonType | JsonType[];
	description?: string;
	format?: string;
	enum?: readonly (string | number | null)[];
	items?: SchemaObject;
	properties?: Record<string, SchemaObject>;
	required?: readonly string[];
	additionalProperties?: boolean | SchemaObject;
	allOf?: SchemaObject[];
	anyOf?: SchemaObject[];
	examples?: unknown[];
	/** Further keywords (minimum, maxLength, pattern, default, const, …). */
	[keyword: string]: unknown;
}

export interface ExampleObject {
	summary?: string;
	value: unknown;
}

export interface MediaTypeObject {
	schema: SchemaObject;
	examples?: Record<string, ExampleObject>;
}

export interface ParameterObject {
	name: string;
	in: 'path' | 'query' | 'header' | 'cookie';
	description?: string;
	required?: boolean;
	schema: SchemaObject;
	example?: unknown;
}

export interface ReferenceObject {
	$ref: string;
}

export interface ResponseObject {
	description: string;
	headers?: Record<string, { description?: string; schema: SchemaObject }>;
	content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
	operationId: string;
	summary: string;
	description?: string;
	tags?: string[];
	security?: Array<Record<string, string[]>>;
	parameters?: Array<ParameterObject | ReferenceObject>;
	requestBody?: {
		required?: boolean;
		description?: string;
		content: Record<string, MediaTypeObject>;
	};
	responses: Record<string, ResponseObject | ReferenceObject>;
}

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItemObject = Partial<Record<HttpMethod, OperationObject>> & {
	parameters?: Array<ParameterObject | ReferenceObject>;
};

export interface SecuritySchemeObject {
	type: 'http' | 'apiKey';
	description?: string;
	scheme?: string;
	bearerFormat?: string;
	name?: string;
	in?: 'header' | 'query' | 'cookie';
}

export interface OpenApiDocument {
	openapi: '3.1.0';
	info: {
		title: string;
		version: string;
		description?: string;
		license?: { name: string; identifier?: string };
	};
	jsonSchemaDialect?: string;
	servers?: Array<{ url: string; description?: string }>;
	security?: Array<Record<string, string[]>>;
	tags?: Array<{ name: string; description?: string }>;
	paths: Record<string, PathItemObject>;
	components: {
		schemas: Record<string, SchemaObject>;
		parameters?: Record<string, ParameterObject>;
		responses?: Record<string, ResponseObject>;
		securitySchemes: Record<string, SecuritySchemeObject>;
	};
}

// ───────────────────────── from the endpoints' zod schemas ─────────────────────────

/** A zod schema as JSON Schema 2020-12, as clients send it (defaults make fields optional). */
export function jsonSchema(schema: z.ZodType): SchemaObject {
	const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input' });
	return rest as SchemaObject;
}

/** One query parameter per field of `schema`, described by the field's own `description`. */
export function queryParameters(schema: z.ZodObject): ParameterObject[] {
	return Object.entries(schema.shape).map(([name, field]) => {
		const described = jsonSchema(field as z.ZodType);
		const example = described.examples?.[0];
		return {
			name,
			in: 'query',
			description: described.description ?? '',
			schema: described,
			...(example !== undefined ? { example } : {})
		};
	});
}

// ───────────────────────── building blocks ─────────────────────────

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string): ReferenceObject => ({ $ref: `#/components/responses/${name}` });
const nullable = (schema: SchemaObject): SchemaObject => ({ anyOf: [schema, { type: 'null' }] });
const dateTime = (description: string): SchemaObject => ({
	type: 'string',
	format: 'date-time',
	description
});
const integer: SchemaObject = { type: 'integer' };
const string: SchemaObject = { type: 'string' };
const text: SchemaObject = { type: 'string', description: 'Verbatim text: escape it for display.' };
const list = (items: SchemaObject): SchemaObject => ({ type: 'array', items });
/** An object whose properties are all present (some may be null), except those in `optional`. */
const object = (
	properties: Record<string, SchemaObject>,
	{ optional = [], description }: { optional?: string[]; description?: string } = {}
): SchemaObject => ({
	type: 'object',
	...(description ? { description } : {}),
	required: Object.keys(properties).filter((p) => !optional.includes(p)),
	properties
});
const jsonBody = (schema: SchemaObject, examples?: Record<string, ExampleObject>) => ({
	'application/json': { schema, ...(examples ? { examples } : {}) }
});
const errorResponse = (description: string, example: unknown): ResponseObject => ({
	description,
	content: jsonBody(ref('Error'), { example: { value: example } })
});

const EXAMPLE_SUMMARY = {
	number: 1042,
	title: 'VPN drops every 10 minutes',
	status: 'open',
	priority: 3,
	level: 1,
	category: { id: 1, key: 'network', name: 'Network & VPN' },
	group: { id: 1, name: 'Service Desk', level: 1 },
	assignee: { id: 3, name: 'Lukas Level-One' },
	requester: { id: 6, name: 'Uma User' },
	createdAt: '2026-12-01T08:00:00.000Z',
	updatedAt: '2026-12-01T08:05:00.000Z',
	version: 3,
	nextDueAt: '2026-12-01T10:00:00.000Z',
	slaState: 'ok'
};

const EXAMPLE_DETAIL = {
	...EXAMPLE_SUMMARY,
	body: 'Since this morning the VPN disconnects every 10 minutes from home.',
	urgency: 2,
	impact: 2,
	firstRespondedAt: '2026-12-01T08:05:00.000Z',
	resolvedAt: null,
	closedAt: null,
	mergedInto: null,
	related: [],
	clocks: [
		{
			metric: 'first_response',
			state: 'fulfilled',
			targetMinutes: 240,
			elapsedMinutes: 5,
			dueAt: '2026-12-01T12:00:00.000Z',
			warnedAt: null,
			breachedAt: null,
			fulfilledAt: '2026-12-01T08:05:00.000Z'
		}
	],
	comments: [
		{
			id: 77,
			author: { id: 3, name: 'Lukas Level-One' },
			body: 'Which VPN client version do you use?',
			internal: false,
			fromStaff: true,
			createdAt: '2026-12-01T08:05:00.000Z'
		}
	],
	timeline: [
		{
			id: 501,
			type: 'ticket.created',
			actor: { id: 6, name: 'Uma User' },
			at: '2026-12-01T08:00:00.000Z',
			internal: false,
			data: { number: 1042, title: 'VPN drops every 10 minutes' }
		}
	],
	reopenUntil: null
};

const ticketNumberParam: ParameterObject = {
	name: 'number',
	in: 'path',
	required: true,
	description: 'The ticket number. Tickets the caller may not see answer 404, never 403.',
	schema: { type: 'integer', minimum: 1 },
	example: 1042
};

const TICKET_WRITE_ERRORS = {
	'400': response('Invalid'),
	'401': response('Unauthorized'),
	'404': response('NotFound'),
	'413': response('PayloadTooLarge'),
	'415': response('UnsupportedMediaType'),
	'422': response('Unprocessable')
};

// ───────────────────────── the document ─────────────────────────

const kb = kbOpenApi({ jsonSchema, queryParameters });
const incidents = incidentsOpenApi({ jsonSchema, queryParameters });

export const openApiDocument: OpenApiDocument = {
	openapi: '3.1.0',
	info: {
		title: 'Leitstand ticket API',
		version: '1.0.0',
		description:
			'Open, read and work helpdesk tickets. Authenticate with an API token ' +
			`(\`Authorization: Bearer ${TOKEN_PREFIX}…\`, created with \`npm run admin -- create-token\`) ` +
			'or a browser session cookie. What you get depends on your role: requesters only ever see ' +
			'their own tickets and never internal notes. Every error has the shape ' +
			'`{ "error": { "code", "message", "fields"? } }`. Request bodies are JSON ' +
			`(\`Content-Type: application/json\`, at most ${MAX_BODY_BYTES / 1024} KB); unknown fields are refused. ` +
			'Text is stored and returned verbatim (HTML included): escape it when you display it.',
		license: { name: 'MIT', identifier: 'MIT' }
	},
	jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
	servers: [{ url: '/', description: 'This Leitstand instance' }],
	security: [{ bearerAuth: [] }, { cookieAuth: [] }],
	tags: [
		{ name: 'Tickets', description: 'Tickets, replies and internal notes, escalation.' },
		kb.tag,
		statusOpenApi.tag,
		...incidents.tags,
		{ name: 'Reference', description: 'Lookups for clients and this description itself.' }
	],
	paths: {
		'/api/tickets': {
			get: {
				operationId: 'listTickets',
				summary: 'List tickets',
				description:
					'Newest first, filtered, in pages. Requesters only ever get their own tickets, ' +
					'whatever the filters say. Pass `nextCursor` as `cursor` for the next page; it is ' +
					'`null` on the last page. Filters combine with AND; lists (comma-separated or ' +
					'repeated parameters) match any of their values.',
				tags: ['Tickets'],
				parameters: queryParameters(listQuerySchema),
				responses: {
					'200': {
						description: 'One page of tickets.',
						content: jsonBody(ref('TicketPage'), {
							page: { value: { data: [EXAMPLE_SUMMARY], nextCursor: 'eyJiZWZvcmUiOjEwNDJ9' } }
						})
					},
					'400': response('Invalid'),
					'401': response('Unauthorized')
				}
			},
			post: {
				operationId: 'createTicket',
				summary: 'Open a ticket',
				description:
					'The caller becomes the requester. Priority follows from urgency × impact ' +
					'(1 = high … 3 = low): P = min(4, urgency + impact − 1). The ticket is routed to ' +
					'the level-1 group of its category and its SLA clocks start.',
				tags: ['Tickets'],
				requestBody: {
					required: true,
					content: jsonBody(ref('NewTicket'), {
						vpn: {
							summary: 'A VPN problem',
							value: {
								title: 'VPN drops every 10 minutes',
								body: 'Since this morning the VPN disconnects every 10 minutes from home.',
								categoryId: 1,
								urgency: 2,
								impact: 2
							}
						}
					})
				},
				responses: {
					'201': {
						description: 'Created.',
						headers: { Location: { description: 'The new ticket.', schema: string } },
						content: jsonBody(ref('TicketDetail'), { created: { value: EXAMPLE_DETAIL } })
					},
					'400': response('Invalid'),
					'401': response('Unauthorized'),
					'413': response('PayloadTooLarge'),
					'415': response('UnsupportedMediaType'),
					'422': response('Unprocessable')
				}
			}
		},
		'/api/tickets/{number}': {
			parameters: [{ $ref: '#/components/parameters/TicketNumber' }],
			get: {
				operationId: 'getTicket',
				summary: 'Get a ticket',
				description:
					'Everything the caller may see: conversation, SLA clocks and the timeline. ' +
					'Requesters get their own tickets only, without internal notes or internal events.',
				tags: ['Tickets'],
				responses: {
					'200': {
						description: 'The ticket.',
						content: jsonBody(ref('TicketDetail'), { ticket: { value: EXAMPLE_DETAIL } })
					},
					'401': response('Unauthorized'),
					'404': response('NotFound')
				}
			},
			patch: {
				operationId: 'updateTicket',
				summary: 'Change a ticket (agents)',
				description:
					'Change status, priority, category, assignee or title. `version` must be the ' +
					'version you last read; if someone changed the ticket since, nothing is written ' +
					'and the answer is 409 with the current ticket.',
				tags: ['Tickets'],
				requestBody: {
					required: true,
					content: jsonBody(ref('TicketChanges'), {
						resolve: { summary: 'Resolve', value: { version: 3, status: 'resolved' } },
						reprioritise: { summary: 'Raise priority', value: { version: 3, priority: 2 } }
					})
				},
				responses: {
					'200': { description: 'The changed ticket.', content: jsonBody(ref('TicketDetail')) },
					...TICKET_WRITE_ERRORS,
					'403': response('Forbidden'),
					'409': response('Conflict')
				}
			}
		},
		'/api/tickets/{number}/comments': {
			parameters: [{ $ref: '#/components/parameters/TicketNumber' }],
			post: {
				operationId: 'addComment',
				summary: 'Reply or add an internal note',
				description:
					'A public reply (seen by the requester) or, for agents, an internal note ' +
					'(`internal: true`, never shown to requesters). Agents may set a status with the ' +
					'reply, e.g. `pending` to wait for the requester. Requesters may only reply publicly.',
				tags: ['Tickets'],
				requestBody: {
					required: true,
					content: jsonBody(ref('NewComment'), {
						reply: { summary: 'Public reply', value: { body: 'Please restart the VPN client.' } },
						note: {
							summary: 'Internal note',
							value: { body: 'Known issue with client 5.2, see KB-17.', internal: true }
						}
					})
				},
				responses: {
					'201': {
						description: 'The comment was added.',
						content: jsonBody(ref('CommentCreated'))
					},
					...TICKET_WRITE_ERRORS,
					'403': response('Forbidden')
				}
			}
		},
		'/api/tickets/{number}/escalate': {
			parameters: [{ $ref: '#/components/parameters/TicketNumber' }],
			post: {
				operationId: 'escalateTicket',
				summary: 'Escalate to a higher level (agents)',
				description:
					'Moves the ticket to a group of a higher support level: name the group, or a level ' +
					'(the group set for the ticket’s category at that level is chosen). The reason is ' +
					'required and stays internal. A target at the same or a lower level is refused with 422.',
				tags: ['Tickets'],
				requestBody: {
					required: true,
					content: jsonBody(ref('LevelMove'), {
						group: {
							summary: 'To a group',
							value: { groupId: 2, reason: 'Tunnel logs point to the concentrator.', version: 3 }
						},
						level: { summary: 'To a level', value: { level: 2, reason: 'Needs network team.' } }
					})
				},
				responses: {
					'200': { description: 'The escalated ticket.', content: jsonBody(ref('TicketDetail')) },
					...TICKET_WRITE_ERRORS,
					'403': response('Forbidden'),
					'409': response('Conflict')
				}
			}
		},
		'/api/tickets/{number}/hand-back': {
			parameters: [{ $ref: '#/components/parameters/TicketNumber' }],
			post: {
				operationId: 'handBackTicket',
				summary: 'Hand back to a lower level (agents)',
				description: 'The opposite of escalation, same body: the target must be at a lower level.',
				tags: ['Tickets'],
				requestBody: {
					required: true,
					content: jsonBody(ref('LevelMove'), {
						level: {
							summary: 'Back to level 1',
							value: { level: 1, reason: 'Fixed on the concentrator; L1 please confirm.' }
						}
					})
				},
				responses: {
					'200': {
						description: 'The ticket after hand-back.',
						content: jsonBody(ref('TicketDetail'))
					},
					...TICKET_WRITE_ERRORS,
					'403': response('Forbidden'),
					'409': response('Conflict')
				}
			}
		},
		...kb.paths,
		...statusOpenApi.paths,
		...incidents.paths,
		'/api/categories': {
			get: {
				operationId: 'listCategories',
				summary: 'List ticket categories',
				description: 'The categories a new ticket may name, in the caller’s language.',
				tags: ['Reference'],
				responses: {
					'200': {
						description: 'Active categories.',
						content: jsonBody(ref('CategoryList'), {
							categories: { value: { data: [{ id: 1, key: 'network', name: 'Network & VPN' }] } }
						})
					},
					'401': response('Unauthorized')
				}
			}
		},
		'/api/me': {
			get: {
				operationId: 'getMe',
				summary: 'Who am I',
				description: 'The user the token or session belongs to; handy to check a token.',
				tags: ['Reference'],
				responses: {
					'200': { description: 'The caller.', content: jsonBody(ref('Me')) },
					'401': response('Unauthorized')
				}
			}
		},
		'/api/openapi.json': {
			get: {
				operationId: 'getOpenApi',
				summary: 'This API description',
				description: 'OpenAPI 3.1, public. A readable version is at `/api/docs`.',
				tags: ['Reference'],
				security: [],
				responses: {
					'200': { description: 'The OpenAPI document.', content: jsonBody({ type: 'object' }) }
				}
			}
		}
	},
	components: {
		securitySchemes: {
			bearerAuth: {
				type: 'http',
				scheme: 'bearer',
				bearerFormat: `${TOKEN_PREFIX}…`,
				description: `An API token (\`${TOKEN_PREFIX}…\`); admins create and revoke them. It acts as its user.`
			},
			cookieAuth: {
				type: 'apiKey',
				in: 'cookie',
				name: SESSION_COOKIE,
				description: 'The browser session after signing in at /login.'
			}
		},
		parameters: { TicketNumber: ticketNumberParam, ...kb.parameters, ...incidents.parameters },
		responses: {
			Invalid: errorResponse('Malformed request: invalid JSON, or fields that need attention.', {
				error: {
					code: 'invalid',
					message: 'Please check the marked fields.',
					fields: { title: 'Please give your ticket a title.', assignee: 'Unknown field.' }
				}
			}),
			Unauthorized: errorResponse('Missing, invalid or revoked token or session.', {
				error: { code: 'unauthorized', message: 'Sign in or send an API token.' }
			}),
			Forbidden: errorResponse('Your role does not allow this.', {
				error: { code: 'forbidden', message: 'Your role does not allow this.' }
			}),
			NotFound: errorResponse('No such ticket — or not one you may see.', {
				error: { code: 'not_found', message: 'No such ticket.' }
			}),
			PayloadTooLarge: errorResponse(`The body is larger than ${MAX_BODY_BYTES / 1024} KB.`, {
				error: { code: 'payload_too_large', message: 'Request bodies are limited to 256 KB.' }
			}),
			UnsupportedMediaType: errorResponse('The body is not sent as application/json.', {
				error: { code: 'unsupported_media_type', message: 'Send the body as application/json.' }
			}),
			Unprocessable: errorResponse(
				'Well-formed but not possible: unknown category, escalation to a lower level, a status ' +
					'change the workflow does not allow…',
				{
					error: {
						code: 'invalid_level',
						message: 'Escalation must go to a higher level than 2.',
						fields: { level: 'Escalation must go to a higher level than 2.' }
					}
				}
			),
			Conflict: {
				description:
					'The ticket changed since you read it (stale `version`). Nothing was written; ' +
					'`current` is the ticket as it is now.',
				content: jsonBody(ref('Conflict'), {
					conflict: {
						value: {
							error: {
								code: 'conflict',
								message: 'The ticket changed since you loaded it (version 2, now 3).'
							},
							current: EXAMPLE_DETAIL
						}
					}
				})
			}
		},
		schemas: {
			// What clients send: generated from the schemas the endpoints validate with.
			NewTicket: jsonSchema(requestBodies.NewTicket),
			TicketChanges: jsonSchema(requestBodies.TicketChanges),
			NewComment: jsonSchema(requestBodies.NewComment),
			LevelMove: jsonSchema(requestBodies.LevelMove),
			...kb.schemas,
			...statusOpenApi.schemas,
			...incidents.schemas,

			// What clients get back (no zod schema: the SQL read models build these).
			Error: object({
				error: object(
					{
						code: {
							type: 'string',
							description:
								'Machine-readable: invalid, invalid_json, unauthorized, forbidden, not_found, ' +
								'conflict, invalid_level, invalid_state, invalid_transition, no_route, ' +
								'reopen_expired, payload_too_large, unsupported_media_type, internal.'
						},
						message: { type: 'string', description: 'For humans, in English.' },
						fields: {
							type: 'object',
							description: 'Per field (or query parameter): what is wrong with it.',
							additionalProperties: string
						}
					},
					{ optional: ['fields'] }
				)
			}),
			Conflict: { allOf: [ref('Error'), object({ current: ref('TicketDetail') })] },
			TicketStatus: {
				type: 'string',
				enum: TICKET_STATUSES,
				description: 'new → open → pending (waiting on the requester) → resolved → closed; on_hold.'
			},
			Priority: { type: 'integer', enum: [1, 2, 3, 4], description: 'P1 (highest) … P4.' },
			Level: { type: 'integer', enum: [1, 2, 3], description: 'Support level.' },
			Scale: { type: 'integer', enum: [1, 2, 3], description: '1 = high, 2 = medium, 3 = low.' },
			PersonRef: object({ id: integer, name: string }),
			GroupRef: object({ id: integer, name: string, level: ref('Level') }),
			Category: object({
				id: integer,
				key: { type: 'string', description: 'Stable key, e.g. `network`.' },
				name: { type: 'string', description: 'In the caller’s language.' }
			}),
			CategoryList: object({ data: list(ref('Category')) }),
			TicketSummary: object(
				{
					number: integer,
					title: text,
					status: ref('TicketStatus'),
					priority: ref('Priority'),
					level: ref('Level'),
					category: ref('Category'),
					group: ref('GroupRef'),
					assignee: nullable(ref('PersonRef')),
					requester: ref('PersonRef'),
					createdAt: dateTime('When the ticket was opened.'),
					updatedAt: dateTime('Last change.'),
					version: {
						type: 'integer',
						description: 'Send it back with writes; it grows with every change.'
					},
					nextDueAt: nullable(dateTime('The earliest running SLA due time.')),
					slaState: { type: 'string', enum: ['ok', 'warning', 'breached', 'paused', 'done'] }
				},
				{ description: 'A ticket as lists show it.' }
			),
			TicketPage: object({
				data: list(ref('TicketSummary')),
				nextCursor: {
					type: ['string', 'null'],
					description: 'Pass as `cursor` for the next page; null on the last page.'
				}
			}),
			Clock: object(
				{
					metric: { type: 'string', enum: ['first_response', 'resolution'] },
					state: { type: 'string', enum: ['active', 'paused', 'fulfilled', 'breached'] },
					targetMinutes: { type: 'integer', description: 'Business minutes.' },
					elapsedMinutes: { type: 'integer', description: 'Business minutes so far.' },
					dueAt: nullable(dateTime('When the target is reached.')),
					warnedAt: nullable(dateTime('When the warning fired (staff only).')),
					breachedAt: nullable(dateTime('When the target was missed (staff only).')),
					fulfilledAt: nullable(dateTime('When the clock was met.'))
				},
				{ optional: ['warnedAt', 'breachedAt', 'fulfilledAt'] }
			),
			Comment: object({
				id: integer,
				author: nullable(ref('PersonRef')),
				body: text,
				internal: { type: 'boolean', description: 'Internal note; never sent to requesters.' },
				fromStaff: { type: 'boolean' },
				createdAt: dateTime('When it was written.')
			}),
			TimelineEntry: object(
				{
					id: integer,
					type: { type: 'string', examples: ['ticket.created', 'ticket.escalated'] },
					actor: nullable(ref('PersonRef')),
					at: dateTime('When it happened.'),
					internal: { type: 'boolean', description: 'Only agents see internal steps.' },
					data: { type: 'object', description: 'Event details; depends on `type`.' }
				},
				{ description: 'One step of the ticket’s history (an event).' }
			),
			TicketDetail: {
				description: 'Everything the caller may see of one ticket.',
				allOf: [
					ref('TicketSummary'),
					object({
						body: text,
						urgency: ref('Scale'),
						impact: ref('Scale'),
						firstRespondedAt: nullable(dateTime('First public reply by an agent.')),
						resolvedAt: nullable(dateTime('When it was resolved.')),
						closedAt: nullable(dateTime('When it was closed.')),
						mergedInto: {
							type: ['integer', 'null'],
							description: 'The ticket this duplicate was merged into.'
						},
						related: { ...list(integer), description: 'Linked tickets (empty for requesters).' },
						clocks: list(ref('Clock')),
						comments: list(ref('Comment')),
						timeline: list(ref('TimelineEntry')),
						reopenUntil: nullable(dateTime('Until when the requester may reopen it.'))
					})
				]
			},
			CommentCreated: object({ id: integer, ticket: ref('TicketDetail') }),
			Me: object({
				user: object({
					id: integer,
					email: { type: 'string', format: 'email' },
					name: string,
					role: { type: 'string', enum: ROLES },
					locale: { type: ['string', 'null'], enum: ['en', 'de', null] },
					groups: list(object({ id: integer, name: string, level: ref('Level'), area: string }))
				}),
				auth: { type: 'string', enum: ['session', 'token'] }
			})
		}
	}
};

// ───────────────────────── the human-readable view (/api/docs) ─────────────────────────

export interface FieldView {
	name: string;
	type: string;
	required: boolean;
	description: string;
}

export interface OperationView {
	id: string;
	method: HttpMethod;
	path: string;
	summary: string;
	description: string;
	public: boolean;
	parameters: Array<FieldView & { in: ParameterObject['in'] }>;
	body: { schema: string; fields: FieldView[] } | null;
	responses: Array<{ status: string; description: string; schema: string | null }>;
}

const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** A short type label: `TicketStatus`, `integer | null`, `Comment[]`, `"at_risk" | "breached"`. */
export function typeLabel(schema: SchemaObject | undefined): string {
	if (!schema) return 'any';
	if (schema.$ref) return refName(schema.$ref);
	if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
	if (schema.anyOf) return schema.anyOf.map(typeLabel).join(' | ');
	if (schema.type === 'array') return `${typeLabel(schema.items)}[]`;
	if (Array.isArray(schema.type)) return schema.type.join(' | ');
	return schema.type ?? 'object';
}

function fieldsOf(doc: OpenApiDocument, schema: SchemaObject | undefined): FieldView[] {
	const target = schema?.$ref ? doc.components.schemas[refName(schema.$ref)] : schema;
	const required = new Set(target?.required ?? []);
	return Object.entries(target?.properties ?? {}).map(([name, prop]) => ({
		name,
		type: typeLabel(prop),
		required: required.has(name),
		description: prop.description ?? ''
	}));
}

function resolve<T>(
	doc: OpenApiDocument,
	item: T | ReferenceObject,
	kind: 'parameters' | 'responses'
): T {
	if (item && typeof item === 'object' && '$ref' in item) {
		return doc.components[kind]?.[refName(item.$ref)] as T;
	}
	return item as T;
}

/** Every operation, with references resolved, for the docs page. */
export function operationViews(doc: OpenApiDocument = openApiDocument): OperationView[] {
	return listOperations(doc).map(({ method, path, operation }) => {
		const shared = doc.paths[path].parameters ?? [];
		const parameters = [...shared, ...(operation.parameters ?? [])]
			.map((p) => resolve<ParameterObject>(doc, p, 'parameters'))
			.map((p) => ({
				name: p.name,
				in: p.in,
				type: typeLabel(p.schema),
				required: !!p.required,
				description: p.description ?? ''
			}));
		const bodySchema = operation.requestBody?.content['application/json']?.schema;
		return {
			id: operation.operationId,
			method,
			path,
			summary: operation.summary,
			description: operation.description ?? '',
			// No requirement, or an empty one among the alternatives (credentials optional).
			public:
				Array.isArray(operation.security) &&
				(operation.security.length === 0 ||
					operation.security.some((r) => Object.keys(r).length === 0)),
			parameters,
			body: bodySchema
				? { schema: typeLabel(bodySchema), fields: fieldsOf(doc, bodySchema) }
				: null,
			responses: Object.entries(operation.responses).map(([status, r]) => {
				const res = resolve<ResponseObject>(doc, r, 'responses');
				const schema = res.content?.['application/json']?.schema;
				return { status, description: res.description, schema: schema ? typeLabel(schema) : null };
			})
		};
	});
}

/** One operation, flattened for the /api/docs page. */
export interface OperationSummary {
	method: HttpMethod;
	path: string;
	operation: OperationObject;
}

export function listOperations(doc: OpenApiDocument = openApiDocument): OperationSummary[] {
	return Object.entries(doc.paths).flatMap(([path, item]) =>
		HTTP_METHODS.flatMap((method) => {
			const operation = item[method];
			return operation ? [{ method, path, operation }] : [];
		})
	);
}
