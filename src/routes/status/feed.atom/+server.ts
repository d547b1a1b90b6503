// The status page's feed of incident and maintenance updates, served from the status snapshot.
import { statusDocument } from '$lib/server/status/respond';

export const { GET, OPTIONS } = statusDocument;
