// Statuspage-compatible public JSON, served from the status snapshot (see src/lib/server/status).
import { statusDocument } from '$lib/server/status/respond';

export const { GET, OPTIONS } = statusDocument;
