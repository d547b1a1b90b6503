// The knowledge base's part of the OpenAPI document is generated from the endpoints' own schemas.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { articleBodies, articleQuerySchema } from './kb';
import { openApiDocument, type ParameterObject } from './openapi';

describe('the OpenAPI document of /api/kb', () => {
	it('describes each article request body as z.toJSONSchema describes its schema', () => {
		for (const [name, schema] of Object.entries(articleBodies)) {
			const { $schema: _dialect, ...expected } = z.toJSONSchema(schema, { io: 'input' });
			expect(openApiDocument.components.schemas[name], name).toEqual(expected);
			expect(openApiDocument.components.schemas[name].additionalProperties, name).toBe(false);
		}
		const post = openApiDocument.paths['/api/kb/articles'].post!;
		expect(post.requestBody!.content['application/json'].schema.$ref).toBe(
			'#/components/schemas/NewArticle'
		);
	});

	it('lists the search parameters of the list query schema, with public access', () => {
		const get = openApiDocument.paths['/api/kb/articles'].get!;
		const names = (get.parameters as ParameterObject[]).map((p) => p.name);
		expect(names).toEqual(Object.keys(articleQuerySchema.shape));
		expect(get.security).toContainEqual({});
		expect(openApiDocument.tags?.map((t) => t.name)).toContain('Knowledge base');
	});
});
