import type { SubmitFunction } from '@sveltejs/kit';

/** `use:enhance` for edit forms: after saving, keep what is in the fields (the data reloads). */
export const keepValues: SubmitFunction =
	() =>
	async ({ update }) => {
		await update({ reset: false });
	};
