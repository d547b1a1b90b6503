// The OpenAPI document may not drift from the endpoints: what it says a client may send is what
// the endpoints' own zod schemas accept, because it is generated from them.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSchema, openApiDocument, type ParameterObject } from './openapi';
import { listQuerySchema, requestBodies } from './tickets';
import { incidentListQuerySchema, incidentRequestBodies } from './incidents';

/** The schema as zod 4 itself writes it, without the dialect (the document names that once). */
function zodJsonSchema(schema: z.ZodType) {
	const { $schema, ...rest } = z.toJSONSchema(schema, { io: 'input' });
	expect($schema).toBe('https://json-schema.org/draft/2020-12/schema');
	return rest;
}

const bodyRef = (path: string, method: 'post' | 'patch') =>
	openApiDocument.paths[path][method]!.requestBody!.content['application/json'].schema.$ref;

describe('the OpenAPI document', () => {
	it('describes each request body exactly as z.toJSONSchema describes the endpoint’s schema', () => {
		for (const [name, schema] of Object.entries(requestBodies)) {
			expect(openApiDocument.components.schemas[name], name).toEqual(zodJsonSchema(schema));
			// Strict schemas: unknown fields are refused, and the document says so.
			expect(openApiDocument.components.schemas[name].additionalProperties, name).toBe(false);
		}
	});

	it('points every write endpoint at the schema it validates with', () => {
		const refs = {
			NewTicket: bodyRef('/api/tickets', 'post'),
			TicketChanges: bodyRef('/api/tickets/{number}', 'patch'),
			NewComment: bodyRef('/api/tickets/{number}/comments', 'post'),
			LevelMove: bodyRef('/api/tickets/{number}/escalate', 'post')
		};
		for (const [name, ref] of Object.entries(refs)) {
			expect(ref).toBe(`#/components/schemas/${name}`);
		}
		expect(bodyRef('/api/tickets/{number}/hand-back', 'post')).toBe(refs.LevelMove);
	});

	it('lists one query parameter per field of the list query schema, described by it', () => {
		const parameters = openApiDocument.paths['/api/tickets'].get!.parameters as ParameterObject[];
		expect(parameters.map((p) => p.name)).toEqual(Object.keys(listQuerySchema.shape));
		for (const parameter of parameters) {
			const field = listQuerySchema.shape[parameter.name as keyof typeof listQuerySchema.shape];
			const expected = zodJsonSchema(field);
			expect(parameter.in).toBe('query');
			expect(parameter.schema, parameter.name).toEqual(expected);
			expect(parameter.description, parameter.name).toBe(expected.description);
			expect(parameter.description, parameter.name).not.toBe('');
		}
	});

	it('follows a schema change (the limits are the services’ own)', () => {
		const title = openApiDocument.components.schemas.NewTicket.properties!.title;
		expect(title).toMatchObject({ type: 'string', minLength: 1, maxLength: 200 });
		const changed = jsonSchema(requestBodies.NewTicket.extend({ title: z.string().max(80) }));
		expect(changed.properties!.title).toEqual({ type: 'string', maxLength: 80 });
		// What the endpoint accepts, the document says it accepts, and vice versa.
		const example = { title: 'VPN', body: 'Down.', categoryId: 1, urgency: 2, impact: 2 };
		expect(requestBodies.NewTicket.safeParse(example).success).toBe(true);
		expect(requestBodies.NewTicket.safeParse({ ...example, priority: 1 }).success).toBe(false);
	});

	it('describes the incident and component bodies and query as their schemas do', () => {
		for (const [name, schema] of Object.entries(incidentRequestBodies)) {
			expect(openApiDocument.components.schemas[name], name).toEqual(zodJsonSchema(schema));
			expect(openApiDocument.components.schemas[name].additionalProperties, name).toBe(false);
		}
		const bodies = {
			'/api/incidents/{incident}/updates': ['post', 'NewIncidentUpdate'],
			'/api/incidents/{incident}/notes': ['post', 'NewIncidentNote'],
			'/api/incidents/{incident}': ['patch', 'IncidentChanges'],
			'/api/components/{component}': ['patch', 'ComponentChanges'],
			'/api/components': ['post', 'NewComponent']
		} as const;
		for (const [path, [method, name]] of Object.entries(bodies)) {
			expect(bodyRef(path, method), path).toBe(`#/components/schemas/${name}`);
		}
		const parameters = openApiDocument.paths['/api/incidents'].get!.parameters as ParameterObject[];
		expect(parameters.map((p) => p.name)).toEqual(Object.keys(incidentListQuerySchema.shape));
	});
});
