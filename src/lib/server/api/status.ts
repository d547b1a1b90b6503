// The public status API (Atlassian Statuspage's v2 shapes) in the OpenAPI document: public, no
// credentials, CORS open, cached (`Cache-Control`, strong `ETag`, `304`), answered from the status
// snapshot. The shapes are written here: they follow Statuspage, not a request schema of ours.
import { COMPONENT_STATUSES, INCIDENT_STATUSES, MAINTENANCE_STATUSES } from '$lib/types/incident';
import type { PathItemObject, SchemaObject } from './openapi';

const TAG = 'Status';
const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const time: SchemaObject = { type: 'string', format: 'date-time' };
const nullable = (schema: SchemaObject): SchemaObject => ({ anyOf: [schema, { type: 'null' }] });
const object = (properties: Record<string, SchemaObject>, optional: string[] = []) =>
	({
		type: 'object',
		properties,
		required: Object.keys(properties).filter((k) => !optional.includes(k))
	}) as SchemaObject;

const schemas: Record<string, SchemaObject> = {
	StatusPage: object({
		id: { type: 'string' },
		name: { type: 'string' },
		url: { type: 'string', format: 'uri' },
		time_zone: { type: 'string', description: 'IANA time zone, e.g. Europe/Berlin.' },
		updated_at: time
	}),
	StatusComponent: object(
		{
			id: { type: 'string' },
			name: { type: 'string' },
			status: { type: 'string', enum: [...COMPONENT_STATUSES] },
			created_at: time,
			updated_at: time,
			position: { type: 'integer' },
			description: nullable({ type: 'string' }),
			showcase: { type: 'boolean' },
			start_date: nullable({ type: 'string', format: 'date' }),
			group_id: nullable({ type: 'string' }),
			page_id: { type: 'string' },
			group: { type: 'boolean' },
			only_show_if_degraded: { type: 'boolean' },
			components: {
				type: 'array',
				items: { type: 'string' },
				description: 'Groups only: the ids of their components.'
			}
		},
		['components']
	),
	StatusIncidentUpdate: object({
		id: { type: 'string' },
		status: { type: 'string', enum: [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES] },
		body: { type: 'string', description: 'English where written, else German.' },
		incident_id: { type: 'string' },
		created_at: time,
		updated_at: time,
		display_at: time,
		affected_components: nullable({
			type: 'array',
			items: object({
				code: { type: 'string' },
				name: { type: 'string' },
				old_status: { type: 'string', enum: [...COMPONENT_STATUSES] },
				new_status: { type: 'string', enum: [...COMPONENT_STATUSES] }
			})
		}),
		deliver_notifications: { type: 'boolean' },
		custom_tweet: { type: 'null' },
		tweet_id: { type: 'null' }
	}),
	StatusIncident: object(
		{
			id: { type: 'string' },
			name: { type: 'string' },
			status: { type: 'string', enum: [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES] },
			created_at: time,
			updated_at: time,
			monitoring_at: nullable(time),
			resolved_at: nullable(time),
			impact: { type: 'string', enum: ['none', 'minor', 'major', 'critical', 'maintenance'] },
			shortlink: { type: 'string', format: 'uri' },
			started_at: time,
			page_id: { type: 'string' },
			incident_updates: { type: 'array', items: ref('StatusIncidentUpdate') },
			components: { type: 'array', items: ref('StatusComponent') },
			scheduled_for: { ...nullable(time), description: 'Maintenance only.' },
			scheduled_until: { ...nullable(time), description: 'Maintenance only.' }
		},
		['scheduled_for', 'scheduled_until']
	),
	StatusIndicator: object({
		indicator: { type: 'string', enum: ['none', 'minor', 'major', 'critical', 'maintenance'] },
		description: {
			type: 'string',
			description:
				'"All Systems Operational", "Partially Degraded Service", "Minor Service Outage", ' +
				'"Partial System Outage", "Major System Outage" or "Service Under Maintenance".'
		}
	}),
	StatusSummary: object({
		page: ref('StatusPage'),
		components: { type: 'array', items: ref('StatusComponent') },
		incidents: { type: 'array', items: ref('StatusIncident') },
		scheduled_maintenances: { type: 'array', items: ref('StatusIncident') },
		status: ref('StatusIndicator')
	})
};

const documents: Array<[string, string, string, string, SchemaObject]> = [
	[
		'/api/v2/summary.json',
		'getStatusSummary',
		'Status summary',
		'The page, every component, unresolved incidents, upcoming and active maintenance, and the overall status.',
		ref('StatusSummary')
	],
	[
		'/api/v2/status.json',
		'getStatus',
		'Overall status',
		'The indicator and its description.',
		object({ page: ref('StatusPage'), status: ref('StatusIndicator') })
	],
	[
		'/api/v2/components.json',
		'getStatusComponents',
		'Components',
		'Every component in one flat list; a group has `group: true` and its children’s ids.',
		object({
			page: ref('StatusPage'),
			components: { type: 'array', items: ref('StatusComponent') }
		})
	],
	[
		'/api/v2/incidents.json',
		'getStatusIncidents',
		'Recent incidents',
		'The 50 most recent incidents, any status.',
		object({ page: ref('StatusPage'), incidents: { type: 'array', items: ref('StatusIncident') } })
	],
	[
		'/api/v2/incidents/unresolved.json',
		'getStatusUnresolvedIncidents',
		'Unresolved incidents',
		'Incidents investigating, identified or monitoring.',
		object({ page: ref('StatusPage'), incidents: { type: 'array', items: ref('StatusIncident') } })
	],
	[
		'/api/v2/scheduled-maintenances.json',
		'getStatusMaintenances',
		'Recent maintenance',
		'The most recent scheduled maintenances, any status.',
		object({
			page: ref('StatusPage'),
			scheduled_maintenances: { type: 'array', items: ref('StatusIncident') }
		})
	],
	[
		'/api/v2/scheduled-maintenances/upcoming.json',
		'getStatusUpcomingMaintenances',
		'Upcoming maintenance',
		'Maintenance scheduled and not started, soonest first.',
		object({
			page: ref('StatusPage'),
			scheduled_maintenances: { type: 'array', items: ref('StatusIncident') }
		})
	],
	[
		'/api/v2/scheduled-maintenances/active.json',
		'getStatusActiveMaintenances',
		'Active maintenance',
		'Maintenance in progress or verifying.',
		object({
			page: ref('StatusPage'),
			scheduled_maintenances: { type: 'array', items: ref('StatusIncident') }
		})
	]
];

const paths: Record<string, PathItemObject> = Object.fromEntries(
	documents.map(([path, operationId, summary, description, schema]) => [
		path,
		{
			get: {
				operationId,
				summary,
				description:
					`${description} Public and compatible with Atlassian Statuspage’s v2 API; ` +
					'CORS open; `Cache-Control: public, max-age=10, stale-while-revalidate=30`; a strong ' +
					'`ETag` answers `If-None-Match` with 304. While the database is unreachable the last ' +
					'snapshot is served with `X-Status-Stale: 1` and `X-Status-As-Of`.',
				tags: [TAG],
				security: [],
				responses: {
					'200': { description: summary, content: { 'application/json': { schema } } },
					'304': { description: 'Not modified (If-None-Match).' }
				}
			}
		}
	])
);

export const statusOpenApi = {
	tag: {
		name: TAG,
		description:
			'The public status page as JSON, in Atlassian Statuspage’s v2 shapes (no credentials).'
	},
	paths,
	schemas
};
