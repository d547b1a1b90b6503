import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError, fieldErrors, parseInput } from './errors';
import { formAction, refusal } from './forms';

const schema = z.strictObject({
	name: z.string().min(1, 'Name is required.').max(3, 'Too long.'),
	week: z.object({ mon: z.string().regex(/^\d\d:\d\d$/, 'Not a time.') }),
	ids: z.array(z.number().int('Whole numbers only.'))
});

describe('the one validation path', () => {
	it('names each field by its path, with its first problem', () => {
		const result = schema.safeParse({ name: '', week: { mon: 'x' }, ids: [1, 1.5], extra: 1 });
		expect(result.success).toBe(false);
		expect(fieldErrors(result.error!.issues)).toEqual({
			name: 'Name is required.',
			'week.mon': 'Not a time.',
			'ids.1': 'Whole numbers only.',
			extra: 'Unknown field.'
		});
	});

	it('reports input that is not an object at all on `form`', () => {
		const refused = (() => {
			try {
				parseInput(schema, 'hello');
			} catch (error) {
				return error;
			}
		})();
		expect(refused).toBeInstanceOf(DomainError);
		expect(refused).toMatchObject({
			status: 400,
			code: 'invalid',
			fields: { form: expect.any(String) }
		});
	});

	it('returns what the schema made of valid input', () => {
		expect(parseInput(schema, { name: 'Ada', week: { mon: '08:00' }, ids: [] })).toEqual({
			name: 'Ada',
			week: { mon: '08:00' },
			ids: []
		});
	});
});

describe('form actions', () => {
	it('turn a refusal into fail(status, { code, message, fields, …extra }) with form field names', () => {
		const failure = refusal(
			new DomainError(422, 'invalid_state', 'Closed.', { body: 'Write something.' }),
			{ extra: { action: 'reply', values: { message: '' } }, rename: { body: 'message' } }
		);
		expect(failure.status).toBe(422);
		expect(failure.data).toEqual({
			code: 'invalid_state',
			message: 'Closed.',
			fields: { message: 'Write something.' },
			action: 'reply',
			values: { message: '' }
		});
	});

	it('let anything but a refusal through: a bug is a bug', async () => {
		await expect(formAction(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
		expect(await formAction(() => Promise.resolve(42))).toBe(42);
	});
});
