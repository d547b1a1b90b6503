import { app } from '$lib/server/app';
import { requireRole } from '$lib/server/auth/guard';
import * as admin from '$lib/server/admin/db';
import * as users from '$lib/server/users/db';
import { recentProblems } from '$lib/server/sla/db';
import { selfServiceFigures } from '$lib/server/kb/service';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	requireRole(event, 'admin');
	const { db } = await app();
	const [userList, groups, counts, problems] = await Promise.all([
		users.listUsers(db.sql),
		users.listGroups(db.sql),
		admin.counts(db.sql),
		recentProblems(db.sql, 10)
	]);
	const selfService = await selfServiceFigures(db.sql, new Date());
	return { users: userList, groups, counts, problems, selfService };
};
