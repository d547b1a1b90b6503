// Credentials that end or change (sign-out, deactivation, role change, token revocation) must
// cut off live sockets on every node at once; nodes also re-check on a timer as a safety net.
import type { Database, TxContext } from '../db/client';

export const IDENTITY_CHANNEL = 'leitstand_identity';

/** Tell every node to re-check its sockets once this transaction commits. */
export async function identityChanged(tx: TxContext): Promise<void> {
	await tx.notify(IDENTITY_CHANNEL, '');
}

/** The same, for a change made outside a transaction (sign-out). */
export async function identityChangedNow(db: Database): Promise<void> {
	await db.pubsub.publish(IDENTITY_CHANNEL, '');
}
