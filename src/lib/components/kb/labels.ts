import { m } from '$lib/paraglide/messages';
import type { KbLanguage, KbStatus, KbVisibility } from '$lib/types/kb';

export const statusLabel: Record<KbStatus, () => string> = {
	draft: m.kb_status_draft,
	review: m.kb_status_review,
	published: m.kb_status_published
};

export const visibilityLabel: Record<KbVisibility, () => string> = {
	public: m.kb_visibility_public,
	internal: m.kb_visibility_internal
};

export const languageLabel: Record<KbLanguage, () => string> = {
	de: m.kb_language_de,
	en: m.kb_language_en
};

/** Share of helpful votes in percent, or null without votes. */
export function helpfulShare(a: { helpful: number; unhelpful: number }): number | null {
	const votes = a.helpful + a.unhelpful;
	return votes === 0 ? null : Math.round((a.helpful / votes) * 100);
}
