// The incident and component part of /api/openapi.json: request bodies and query parameters are
// generated from the schemas the endpoints validate with (api/incidents.ts); the response shapes,
// which the SQL read models build, are written here.
import type { z } from 'zod';
import { incidentListQuerySchema, incidentRequestBodies } from './incidents';
import type {
	ParameterObject,
	PathItemObject,
	ReferenceObject,
	ResponseObject,
	SchemaObject
} from './openapi';
import {
	COMPONENT_STATUSES,
	IMPACTS,
	INCIDENT_STATUSES,
	MAINTENANCE_STATUSES
} from '$lib/types/incident';

interface Generators {
	jsonSchema(schema: z.ZodType): SchemaObject;
	queryParameters(schema: z.ZodObject): ParameterObject[];
}

const INCIDENTS = 'Incidents';
const COMPONENTS = 'Components';

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const response = (name: string): ReferenceObject => ({ $ref: `#/components/responses/${name}` });
const jsonBody = (schema: SchemaObject) => ({ 'application/json': { schema } });
const nullable = (schema: SchemaObject): SchemaObject => ({ anyOf: [schema, { type: 'null' }] });
const dateTime = (description: string): SchemaObject => ({
	type: 'string',
	format: 'date-time',
	description
});
const integer: SchemaObject = { type: 'integer' };
const string: SchemaObject = { type: 'string' };
const boolean: SchemaObject = { type: 'boolean' };
const text: SchemaObject = { type: 'string', description: 'Verbatim text: escape it for display.' };
const list = (items: SchemaObject): SchemaObject => ({ type: 'array', items });
const object = (properties: Record<string, SchemaObject>, description?: string): SchemaObject => ({
	type: 'object',
	...(description ? { description } : {}),
	required: Object.keys(properties),
	properties
});

const WRITE_ERRORS: Record<string, ReferenceObject> = {
	'400': response('Invalid'),
	'401': response('Unauthorized'),
	'403': response('Forbidden'),
	'404': response('NotFound'),
	'413': response('PayloadTooLarge'),
	'415': response('UnsupportedMediaType'),
	'422': response('Unprocessable')
};

const incidentConflict: ResponseObject = {
	description:
		'The incident changed since you read it (stale `version`). Nothing was written; `current` ' +
		'is the incident as it is now.',
	content: jsonBody(ref('IncidentConflict'))
};

const incidentParam: ParameterObject = {
	name: 'incident',
	in: 'path',
	required: true,
	description: 'The incident (or maintenance) id.',
	schema: { type: 'integer', minimum: 1 },
	example: 7
};
const componentParam: ParameterObject = {
	name: 'component',
	in: 'path',
	required: true,
	description: 'The component (or group) id.',
	schema: { type: 'integer', minimum: 1 },
	example: 3
};
const onIncident = [{ $ref: '#/components/parameters/Incident' }];
const onComponent = [{ $ref: '#/components/parameters/Component' }];

export const incidentsOpenApi = ({
	jsonSchema,
	queryParameters
}: Generators): {
	tags: Array<{ name: string; description: string }>;
	parameters: Record<string, ParameterObject>;
	paths: Record<string, PathItemObject>;
	schemas: Record<string, SchemaObject>;
} => ({
	tags: [
		{
			name: INCIDENTS,
			description:
				'Incidents and scheduled maintenance (staff): declare, post public updates, internal ' +
				'notes, link tickets. What the public sees is the Statuspage-compatible /api/v2/.'
		},
		{ name: COMPONENTS, description: 'The components of the status page, in groups (admins).' }
	],
	parameters: { Incident: incidentParam, Component: componentParam },
	paths: {
		'/api/incidents': {
			get: {
				operationId: 'listIncidents',
				summary: 'List incidents and maintenance (staff)',
				description: 'Open ones first, then by start, newest first.',
				tags: [INCIDENTS],
				parameters: queryParameters(incidentListQuerySchema),
				responses: {
					'200': {
						description: 'The incidents.',
						content: jsonBody(object({ data: list(ref('IncidentSummary')) }))
					},
					'400': response('Invalid'),
					'401': response('Unauthorized'),
					'403': response('Forbidden')
				}
			},
			post: {
				operationId: 'declareIncident',
				summary: 'Declare an incident or schedule maintenance (staff)',
				description:
					'An incident starts with its first public message (English and/or German) and the ' +
					'status of the components it takes down. With `kind: "maintenance"` the body is a ' +
					'maintenance window instead; it starts and completes itself at its times unless ' +
					'`autoTransition` is false. Subscribers and linked requesters are told at once.',
				tags: [INCIDENTS],
				requestBody: {
					required: true,
					content: jsonBody({ anyOf: [ref('NewIncident'), ref('NewMaintenance')] })
				},
				responses: {
					'201': { description: 'Declared.', content: jsonBody(ref('Incident')) },
					...WRITE_ERRORS
				}
			}
		},
		'/api/incidents/{incident}': {
			parameters: onIncident,
			get: {
				operationId: 'getIncident',
				summary: 'Get an incident with its timeline and internal notes (staff)',
				tags: [INCIDENTS],
				responses: {
					'200': { description: 'The incident.', content: jsonBody(ref('Incident')) },
					'401': response('Unauthorized'),
					'403': response('Forbidden'),
					'404': response('NotFound')
				}
			},
			patch: {
				operationId: 'editIncident',
				summary: 'Change title, impact, components or window (staff)',
				description:
					'No public update is posted. `version` must be the version you last read; if someone ' +
					'changed the incident since, nothing is written and the answer is 409 with it.',
				tags: [INCIDENTS],
				requestBody: { required: true, content: jsonBody(ref('IncidentChanges')) },
				responses: {
					'200': { description: 'The changed incident.', content: jsonBody(ref('Incident')) },
					...WRITE_ERRORS,
					'409': incidentConflict
				}
			}
		},
		'/api/incidents/{incident}/updates': {
			parameters: onIncident,
			post: {
				operationId: 'postIncidentUpdate',
				summary: 'Post a public update (staff)',
				description:
					'A status, a message in English and/or German, component changes and when the next ' +
					'update comes. Resolving puts the incident’s components back to operational ' +
					'(unless another open incident holds them) and, with `ticketReply` and/or ' +
					'`resolveTickets`, answers every linked open ticket. An update on a resolved ' +
					'incident is refused with 422 `invalid_state`.',
				tags: [INCIDENTS],
				requestBody: { required: true, content: jsonBody(ref('NewIncidentUpdate')) },
				responses: {
					'201': {
						description: 'The incident with the update.',
						content: jsonBody(ref('Incident'))
					},
					...WRITE_ERRORS,
					'409': incidentConflict
				}
			}
		},
		'/api/incidents/{incident}/notes': {
			parameters: onIncident,
			post: {
				operationId: 'addIncidentNote',
				summary: 'Add an internal note (staff)',
				description: 'Never public: not on the status page, in mail, feeds or public events.',
				tags: [INCIDENTS],
				requestBody: { required: true, content: jsonBody(ref('NewIncidentNote')) },
				responses: {
					'201': { description: 'The note.', content: jsonBody(ref('IncidentNote')) },
					...WRITE_ERRORS
				}
			}
		},
		'/api/incidents/{incident}/tickets': {
			parameters: onIncident,
			post: {
				operationId: 'linkTickets',
				summary: 'Link tickets to the incident (staff)',
				description:
					'All or none: a ticket linked to another incident refuses the request with 422 ' +
					'`linked_elsewhere`; an unknown number with 400. Up to 500 numbers per request.',
				tags: [INCIDENTS],
				requestBody: { required: true, content: jsonBody(ref('TicketLinks')) },
				responses: {
					'200': { description: 'What changed.', content: jsonBody(ref('TicketLinkResult')) },
					...WRITE_ERRORS
				}
			},
			delete: {
				operationId: 'unlinkTickets',
				summary: 'Unlink tickets from the incident (staff)',
				tags: [INCIDENTS],
				requestBody: { required: true, content: jsonBody(ref('TicketLinks')) },
				responses: {
					'200': { description: 'What changed.', content: jsonBody(ref('TicketLinkResult')) },
					...WRITE_ERRORS
				}
			}
		},
		'/api/incidents/{incident}/affected': {
			parameters: onIncident,
			post: {
				operationId: 'reportAffected',
				summary: 'Say "I am affected too" (anyone signed in)',
				description:
					'Counted once per person; the caller gets the incident’s updates by mail. Only ' +
					'active incidents (422 `invalid_state` otherwise). No ticket is filed.',
				tags: [INCIDENTS],
				requestBody: { required: true, content: jsonBody(ref('AffectedReport')) },
				responses: {
					'200': { description: 'Counted.', content: jsonBody(ref('AffectedResult')) },
					...WRITE_ERRORS
				}
			}
		},
		'/api/components': {
			get: {
				operationId: 'listComponents',
				summary: 'List components and groups (staff)',
				description: 'Groups’ children follow their group, by position.',
				tags: [COMPONENTS],
				responses: {
					'200': {
						description: 'Every component.',
						content: jsonBody(object({ data: list(ref('Component')) }))
					},
					'401': response('Unauthorized'),
					'403': response('Forbidden')
				}
			},
			post: {
				operationId: 'createComponent',
				summary: 'Create a component or group (admins)',
				description: 'Two levels: a component may sit in a group, a group in nothing.',
				tags: [COMPONENTS],
				requestBody: { required: true, content: jsonBody(ref('NewComponent')) },
				responses: {
					'201': { description: 'Created.', content: jsonBody(ref('Component')) },
					...WRITE_ERRORS
				}
			}
		},
		'/api/components/{component}': {
			parameters: onComponent,
			patch: {
				operationId: 'updateComponent',
				summary: 'Change a component or group (admins)',
				description: 'Only the fields sent change.',
				tags: [COMPONENTS],
				requestBody: { required: true, content: jsonBody(ref('ComponentChanges')) },
				responses: {
					'200': { description: 'The component.', content: jsonBody(ref('Component')) },
					...WRITE_ERRORS
				}
			},
			delete: {
				operationId: 'deleteComponent',
				summary: 'Delete a component or an empty group (admins)',
				description: 'A group with components is refused with 422 `not_empty`.',
				tags: [COMPONENTS],
				responses: {
					'204': { description: 'Deleted.' },
					'401': response('Unauthorized'),
					'403': response('Forbidden'),
					'404': response('NotFound'),
					'422': response('Unprocessable')
				}
			}
		}
	},
	schemas: {
		// What clients send: generated from the schemas the endpoints validate with.
		...Object.fromEntries(
			Object.entries(incidentRequestBodies).map(([name, schema]) => [name, jsonSchema(schema)])
		),

		// What clients get back.
		ComponentStatus: { type: 'string', enum: COMPONENT_STATUSES },
		IncidentStatus: {
			type: 'string',
			enum: [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES],
			description:
				'Incidents: investigating → identified → monitoring → resolved. Maintenance: ' +
				'scheduled → in_progress → verifying → completed.'
		},
		Impact: {
			type: 'string',
			enum: [...IMPACTS, 'maintenance'],
			description: 'A maintenance’s impact is always `maintenance`.'
		},
		Component: object({
			id: integer,
			name: text,
			description: text,
			isGroup: boolean,
			groupId: nullable(integer),
			position: integer,
			status: ref('ComponentStatus'),
			onlyShowIfDegraded: boolean,
			showcase: boolean,
			startDate: { type: 'string', format: 'date' },
			createdAt: dateTime('Created.'),
			updatedAt: dateTime('Last change.')
		}),
		IncidentSummary: object({
			id: integer,
			kind: { type: 'string', enum: ['incident', 'maintenance'] },
			title: text,
			impact: ref('Impact'),
			status: ref('IncidentStatus'),
			startedAt: dateTime('When it began (maintenance: the start of the window).'),
			updatedAt: dateTime('Last change.'),
			resolvedAt: nullable(dateTime('When it was resolved or completed.')),
			scheduledFor: nullable(dateTime('Maintenance: start of the window.')),
			scheduledUntil: nullable(dateTime('Maintenance: end of the window.')),
			linkedTickets: integer,
			affectedUsers: { type: 'integer', description: 'People who said "I am affected too".' }
		}),
		IncidentUpdate: object({
			id: integer,
			incidentId: integer,
			status: ref('IncidentStatus'),
			bodyEn: text,
			bodyDe: text,
			authorId: nullable(integer),
			authorName: nullable(string),
			createdAt: dateTime('Written.'),
			displayAt: dateTime('Shown as.'),
			nextUpdateAt: nullable(dateTime('When the next update is due.')),
			affectedComponents: list(
				object({
					componentId: integer,
					name: string,
					oldStatus: ref('ComponentStatus'),
					newStatus: ref('ComponentStatus')
				})
			)
		}),
		IncidentNote: object({
			id: integer,
			authorId: nullable(integer),
			authorName: nullable(string),
			body: text,
			createdAt: dateTime('Written.')
		}),
		Incident: {
			description: 'An incident with its public timeline (newest first) and internal notes.',
			allOf: [
				ref('IncidentSummary'),
				object({
					createdBy: nullable(integer),
					createdAt: dateTime('Declared.'),
					monitoringAt: nullable(dateTime('First moved to monitoring.')),
					autoTransition: boolean,
					postmortem: nullable(text),
					postmortemPublishedAt: nullable(dateTime('Published on the status page.')),
					version: { type: 'integer', description: 'Send it back with versioned writes.' },
					componentIds: list(integer),
					updates: list(ref('IncidentUpdate')),
					notes: list(ref('IncidentNote'))
				})
			]
		},
		IncidentConflict: {
			allOf: [ref('Error'), object({ current: ref('Incident') })]
		},
		TicketLinkResult: object({
			linkedTickets: { type: 'integer', description: 'Tickets linked to the incident now.' },
			changed: { ...list(integer), description: 'The numbers this request linked or unlinked.' }
		}),
		AffectedResult: object({
			affectedUsers: integer,
			added: { type: 'boolean', description: 'False if the caller had said so already.' }
		})
	}
});
