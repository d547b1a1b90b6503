// Who may do what with an article, and how an article moves: draft → review → published. Pure.
import { hasRole, isStaff } from '../auth/roles';
import type { KbStatus, KbVisibility } from '$lib/types/kb';
import type { SessionUser } from '$lib/types/user';

type Viewer = Pick<SessionUser, 'role'> | null;

/** What a viewer may see: requesters and anonymous readers only published public articles. */
export interface ArticleScope {
	internal: boolean;
	unpublished: boolean;
}

/** Readers (portal, /kb) see published articles: staff also internal ones. */
export const readerScope = (viewer: Viewer): ArticleScope => ({
	internal: isStaff(viewer),
	unpublished: false
});

/** The desk sees every article, drafts included; only staff get this scope. */
export const deskScope: ArticleScope = { internal: true, unpublished: true };

/** May `viewer` read an article with this visibility and status at all? */
export function canRead(
	viewer: Viewer,
	article: { visibility: KbVisibility; status: KbStatus }
): boolean {
	if (isStaff(viewer)) return true;
	return article.visibility === 'public' && article.status === 'published';
}

/** Leads and admins review: they publish, send back and unpublish. */
export const isReviewer = (viewer: Viewer) => hasRole(viewer, ['lead', 'admin']);

/**
 * May `viewer` change the text and fields? Drafts and articles in review: any staff. A published
 * article is live for everyone, so only reviewers change it (or unpublish it for others to edit).
 */
export function canEdit(viewer: Viewer, status: KbStatus): boolean {
	if (!isStaff(viewer)) return false;
	return status !== 'published' || isReviewer(viewer);
}

/** Why `viewer` may not move an article from `from` to `to`, or null when they may. */
export function transitionRefusal(
	viewer: Viewer,
	from: KbStatus,
	to: KbStatus
): 'same' | 'staff' | 'reviewer' | null {
	if (!isStaff(viewer)) return 'staff';
	if (from === to) return 'same';
	// Asking for review, and taking a draft back from review, is everyone's.
	if ((from === 'draft' && to === 'review') || (from === 'review' && to === 'draft')) return null;
	// Publishing and unpublishing is the reviewers'.
	return isReviewer(viewer) ? null : 'reviewer';
}

/** May `viewer` delete it? Reviewers any article; an author their own never-published draft. */
export function canDelete(
	viewer: (Viewer & { id: number }) | null,
	article: { status: KbStatus; authorId: number | null; publishedAt: Date | string | null }
): boolean {
	if (!isStaff(viewer)) return false;
	if (isReviewer(viewer)) return true;
	return (
		article.status === 'draft' && article.publishedAt === null && article.authorId === viewer?.id
	);
}

const UMLAUTS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * The address of a title: lower-case ASCII words joined by hyphens ("Passwort zurücksetzen" →
 * `passwort-zuruecksetzen`), at most 80 characters, always with a letter (never just a number).
 */
export function slugify(title: string): string {
	const ascii = title
		.toLowerCase()
		.replace(/[äöüß]/g, (c) => UMLAUTS[c])
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '');
	const words = ascii.split(/[^a-z0-9]+/).filter(Boolean);
	let slug = '';
	for (const word of words) {
		const next = slug ? `${slug}-${word}` : word;
		if (next.length > 80) break;
		slug = next;
	}
	if (!slug) slug = words[0]?.slice(0, 80) ?? '';
	return /[a-z]/.test(slug) ? slug : slug ? `article-${slug}` : 'article';
}

/** A slug as people may type it: the same shape `slugify` makes (checked again by the database). */
export const SLUG_PATTERN = /^(?=.*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*$/;
