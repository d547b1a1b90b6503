// What the status page is made of: components in groups (two levels), kept by admins, and the
// message templates incident managers start their updates from, kept by leads and admins. Every
// change is audited (`admin.*` events) and, where the public sees it, republishes the status.
import { z } from 'zod';
import type { Database, TxContext } from '../db/client';
import { isAdmin, isStaff } from '../auth/roles';
import { DomainError, forbidden, invalid as refusedFields, notFound, parseInput } from '../errors';
import { appendEvent } from '../events/writer';
import { dbId, multiLine, singleLine } from '../validation/fields';
import * as db from './db';
import { canManageTemplates, publishStatus } from './service';
import { m } from '$lib/paraglide/messages';
import {
	COMPONENT_STATUSES,
	INCIDENT_STATUSES,
	MAINTENANCE_STATUSES,
	type Component,
	type IncidentTemplate
} from '$lib/types/incident';
import type { SessionUser } from '$lib/types/user';

const invalid = (fields: Record<string, string>) =>
	refusedFields(fields, m.incident_error_fields());

const optionalText = (max: number, label: () => string) =>
	z.union([z.literal(''), multiLine(max, label)]).default('');

export const componentSchema = z.object({
	name: singleLine(100, m.incident_field_name),
	description: optionalText(500, m.incident_field_description),
	isGroup: z.boolean().default(false),
	groupId: dbId(m.incident_error_group_unknown).nullable().default(null),
	position: z.number().int().min(0).max(10_000).default(0),
	onlyShowIfDegraded: z.boolean().default(false),
	showcase: z.boolean().default(true)
});
export type ComponentInput = z.input<typeof componentSchema>;

function assertAdmin(actor: SessionUser) {
	if (!isAdmin(actor)) throw forbidden(m.incident_error_admin_only());
}

async function audited<T>(
	database: Database,
	actor: SessionUser,
	change: (tx: TxContext) => Promise<{ result: T; payload: Record<string, unknown> }>,
	options: { publicChange: boolean } = { publicChange: true }
): Promise<T> {
	return database.transaction(async (tx) => {
		const { result, payload } = await change(tx);
		await appendEvent(tx, {
			topic: 'admin',
			type: 'admin.component_changed',
			audience: 'admins',
			actorId: actor.id,
			payload
		});
		if (options.publicChange) await publishStatus(tx);
		return result;
	});
}

async function checkPlacement(
	tx: TxContext,
	data: z.output<typeof componentSchema>,
	id: number | null
) {
	const all = await db.listComponents(tx.sql);
	if (all.some((c) => c.id !== id && c.name.toLowerCase() === data.name.toLowerCase())) {
		throw invalid({ name: m.incident_error_component_name_taken() });
	}
	if (data.groupId !== null) {
		const group = all.find((c) => c.id === data.groupId);
		if (!group) throw invalid({ groupId: m.incident_error_group_unknown() });
		if (!group.isGroup) throw invalid({ groupId: m.incident_error_group_nested() });
		if (data.isGroup) throw invalid({ groupId: m.incident_error_group_nested() });
	}
}

export async function createComponent(
	database: Database,
	actor: SessionUser,
	input: ComponentInput
): Promise<Component> {
	assertAdmin(actor);
	const data = parseInput(componentSchema, input);
	return audited(database, actor, async (tx) => {
		await checkPlacement(tx, data, null);
		const component = await db.insertComponent(tx.sql, data);
		return {
			result: component,
			payload: { componentId: component.id, change: 'created', name: data.name }
		};
	});
}

export async function updateComponent(
	database: Database,
	actor: SessionUser,
	id: number,
	input: ComponentInput
): Promise<Component> {
	assertAdmin(actor);
	const data = parseInput(componentSchema, input);
	return audited(database, actor, async (tx) => {
		const current = await db.getComponent(tx.sql, id);
		if (!current) throw notFound(m.incident_error_component_unknown());
		if (current.isGroup !== data.isGroup)
			throw invalid({ isGroup: m.incident_error_group_change() });
		await checkPlacement(tx, data, id);
		const component = (await db.updateComponent(tx.sql, id, data))!;
		return { result: component, payload: { componentId: id, change: 'updated', name: data.name } };
	});
}

export async function deleteComponent(database: Database, actor: SessionUser, id: number) {
	assertAdmin(actor);
	return audited(database, actor, async (tx) => {
		const current = await db.getComponent(tx.sql, id);
		if (!current) throw notFound(m.incident_error_component_unknown());
		if (current.isGroup && (await db.countChildren(tx.sql, id)) > 0) {
			throw new DomainError(422, 'not_empty', m.incident_error_group_has_children());
		}
		await db.deleteComponent(tx.sql, id);
		return { result: true, payload: { componentId: id, change: 'deleted', name: current.name } };
	});
}

/** Set one component's status outside any incident (e.g. a degradation not worth an incident). */
export async function setComponentStatus(
	database: Database,
	actor: SessionUser,
	id: number,
	input: { status: unknown }
): Promise<Component> {
	if (!isStaff(actor)) throw forbidden(m.incident_error_forbidden());
	const { status } = parseInput(z.object({ status: z.enum(COMPONENT_STATUSES) }), input);
	return audited(database, actor, async (tx) => {
		const [current] = await db.lockComponents(tx.sql, [id]);
		if (!current) throw notFound(m.incident_error_component_unknown());
		if (current.status !== status) {
			await db.setComponentStatus(tx.sql, id, status, null, new Date());
		}
		return {
			result: { ...current, status },
			payload: { componentId: id, change: 'status', from: current.status, to: status }
		};
	});
}

// ───────────────────────── templates ─────────────────────────

export const templateSchema = z.object({
	name: singleLine(100, m.incident_field_name),
	purpose: z.enum(['incident', 'maintenance', 'ticket_reply']),
	status: z
		.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES])
		.nullable()
		.default(null),
	title: z.union([z.literal(''), singleLine(200, m.incident_field_title)]).default(''),
	bodyEn: optionalText(10_000, m.incident_field_body_en),
	bodyDe: optionalText(10_000, m.incident_field_body_de)
});
export type TemplateInput = z.input<typeof templateSchema>;

export async function saveTemplate(
	database: Database,
	actor: SessionUser,
	id: number | null,
	input: TemplateInput
): Promise<IncidentTemplate> {
	if (!canManageTemplates(actor)) throw forbidden(m.incident_error_templates_forbidden());
	const data = parseInput(templateSchema, input);
	if (!data.bodyEn && !data.bodyDe) throw invalid({ bodyEn: m.incident_error_body_required() });
	return database.transaction(async (tx) => {
		if (await db.templateNameTaken(tx.sql, data.name, id)) {
			throw invalid({ name: m.incident_error_template_name_taken() });
		}
		const saved = await db.upsertTemplate(tx.sql, id, data);
		if (!saved) throw notFound(m.incident_error_template_unknown());
		await appendEvent(tx, {
			topic: 'admin',
			type: 'admin.incident_template_changed',
			audience: 'admins',
			actorId: actor.id,
			payload: { templateId: saved.id, change: id ? 'updated' : 'created', name: saved.name }
		});
		return saved;
	});
}

export async function deleteTemplate(database: Database, actor: SessionUser, id: number) {
	if (!canManageTemplates(actor)) throw forbidden(m.incident_error_templates_forbidden());
	return database.transaction(async (tx) => {
		const template = await db.getTemplate(tx.sql, id);
		if (!template || !(await db.deleteTemplate(tx.sql, id))) {
			throw notFound(m.incident_error_template_unknown());
		}
		await appendEvent(tx, {
			topic: 'admin',
			type: 'admin.incident_template_changed',
			audience: 'admins',
			actorId: actor.id,
			payload: { templateId: id, change: 'deleted', name: template.name }
		});
		return true;
	});
}
